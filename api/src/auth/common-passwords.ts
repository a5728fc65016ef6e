/** A short list of very common passwords (from public breach top lists), compared lower-cased. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  'password', 'password1', 'password12', 'password123', 'password1234', '12345678', '123456789', '1234567890',
  '12345678910', 'qwertyuiop', 'qwerty123', 'qwerty1234', 'iloveyou1', 'sunshine1', 'princess1', 'football1',
  'baseball1', 'welcome1', 'welcome123', 'abc12345', 'abcd1234', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx',
  'zaq12wsx', 'trustno1', 'superman1', 'dragon123', 'monkey123', 'letmein1', 'letmein123', 'master123',
  '11111111', '00000000', '88888888', '87654321', '11223344', '12341234', '123123123', '147258369',
  '987654321', 'password!', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'passw0rd1', 'admin123', 'administrator',
  'changeme', 'changeme123', 'iloveyou123', 'qwertyui', 'asdfghjkl', 'asdfasdf', 'zxcvbnm1', 'zxcvbnm123',
  'computer', 'internet', 'starwars', 'whatever', 'football', 'baseball', 'sunshine', 'princess',
  'michelle', 'jennifer', 'jordan23', 'liverpool', 'chelsea1', 'arsenal1', 'mustang1', 'shadow12',
  'charlie1', 'michael1', 'jessica1', 'ashley12', 'superman', 'batman123', 'pokemon1', 'minecraft',
  'samsung1', 'blink182', '123qweasd', 'qweasdzxc', 'q1w2e3r4', 'a1b2c3d4', 'aa123456', 'secret123',
  'security', 'welcome!', 'letmein!', 'hello123', 'hellohello', 'test1234', 'testtest', 'default1',
  'guest123', 'login123', 'mockroom', 'mockroom1', 'interview', 'interview1', 'password2', 'password01',
  '1234qwer', 'qwer1234', 'unknown1', 'killer12', 'hunter12',
]);
