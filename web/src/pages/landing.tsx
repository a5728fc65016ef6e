/** The first page a signed-out visitor sees: what Mockroom is and does, in one screen, with sign-up and sign-in. */
import { Link, PageHeading } from '../ui.js';

export function LandingPage() {
  return (
    <section className="landing" data-testid="landing">
      <div className="landing-hero">
        <PageHeading title="Interview practice with an AI recruiter">Practise job interviews out loud, with an AI recruiter</PageHeading>
        <p className="lead">
          Add the job you are preparing for and your CV. Mockroom builds an interview from them, a recruiter asks the questions by
          voice and follows up on your answers, and you get a scored report with quotes from what you said.
        </p>
        <p className="landing-actions">
          <Link to={{ name: 'signup' }} className="button primary">
            Create a free account
          </Link>
          <Link to={{ name: 'signin' }} className="button">
            Sign in
          </Link>
        </p>
        <p>
          <Link to={{ name: 'tryout' }}>Try a 5-minute interview — no account</Link>
        </p>
      </div>
      <div className="landing-grid">
        <section className="card" aria-labelledby="landing-how">
          <h2 id="landing-how">What happens in an interview</h2>
          <ol>
            <li>Paste the job description and upload your CV; you see which requirements your CV covers.</li>
            <li>Check your microphone and choose the length, from 5 to 60 minutes.</li>
            <li>The recruiter asks behavioural, role and technical questions and follows up when an answer is vague. Speak, or type if you prefer.</li>
            <li>Afterwards: a score per skill with the quotes behind it, strengths, what to improve, and your pace, filler words and pauses.</li>
          </ol>
        </section>
        <section className="card" aria-labelledby="landing-ai">
          <h2 id="landing-ai">The recruiter is an AI</h2>
          <p>It says so at the start of every call. It is there for practice: no person listens, and nothing is sent to an employer.</p>
        </section>
        <section className="card" aria-labelledby="landing-privacy">
          <h2 id="landing-privacy">Your audio is not stored</h2>
          <p>
            Speech is turned into text as you talk and the audio is dropped. The transcript, report, CV and job description are yours:
            export them, or delete them for good, at any time.
          </p>
        </section>
        <section className="card" aria-labelledby="landing-offline">
          <h2 id="landing-offline">It runs offline</h2>
          <p>
            Mockroom is open source and self-hosted. With its built-in speech recognition, voice and interviewer it needs no cloud
            account and no internet connection; cloud providers are an option its operator can switch on.
          </p>
        </section>
      </div>
    </section>
  );
}
