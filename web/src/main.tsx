import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { hashFromLocation } from './router.js';
import './styles.css';

// Email links may use a server path (/reset-password?token=…); move them onto the hash route.
const initialHash = hashFromLocation(window.location.pathname, window.location.search, window.location.hash);
if (initialHash !== window.location.hash) window.history.replaceState(null, '', `/${initialHash}`);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
