// Drives Debian's Chromium through staff accounts as an admin would: add a user, set up a
// second factor (TOTP, its codes computed here from the secret the page shows), reset a
// password and see the old session end, require a second factor of everyone.
// BASE_URL is a running `peercert serve` with an admin "ada"; screenshots go to OUT_DIR.
import crypto from 'node:crypto';
import path from 'node:path';
import { check, launch, result } from './launch.mjs';

const base = process.env.BASE_URL;
const out = process.env.OUT_DIR;

// RFC 6238 as an authenticator app computes it: base32 secret, HMAC-SHA-1, 6 digits, 30 s.
function fromBase32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = [];
  let value = 0;
  let bits = 0;
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = ((value << 5) | alphabet.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}
function totp(secret, seconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = crypto.createHmac('sha1', fromBase32(secret)).update(counter).digest();
  const o = mac[mac.length - 1] & 15;
  const n = ((mac[o] & 127) << 24) | (mac[o + 1] << 16) | (mac[o + 2] << 8) | mac[o + 3];
  return String(n % 1000000).padStart(6, '0');
}

async function logIn(page, name, password) {
  await page.goto(`${base}/login`);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForLoadState();
}

const browser = await launch();

try {
  const admin = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await logIn(admin, 'ada', 'admin password 2026');
  await admin.getByRole('link', { name: 'Users' }).click();
  await admin.waitForLoadState();

  // An admin adds a user; a password too short is refused and adds no one.
  await admin.getByLabel('User name').fill('sam');
  await admin.getByLabel('First password').fill('short');
  await admin.getByRole('button', { name: 'Add user' }).click();
  await admin.waitForLoadState();
  const refused = await admin.textContent('main');
  check(refused.includes('assword must be at least 12 characters') &&
    !(await admin.textContent('tbody')).includes('sam'), 'a short first password adds no one');
    await admin.getByLabel('User name').fill('sam');
  await admin.getByLabel('First password').fill('first password 2026');
  await admin.getByRole('button', { name: 'Add user' }).click();
  await admin.waitForLoadState();
  check((await admin.textContent('main')).includes('sam is added as staff'), 'an admin adds a user');

  // The admin sets up a second factor from the QR code's secret.
  await admin.getByRole('link', { name: 'ada' }).click();
  await admin.waitForLoadState();
  check((await admin.textContent('main')).includes('Off: you log in with your password alone'),
    'the account page says the second factor is off');
  await admin.getByRole('button', { name: 'Set up a second factor' }).click();
  await admin.waitForLoadState();
  check(await admin.locator('figure.qr svg').count() === 1, 'enrolment shows a QR code');
  const secret = await admin.textContent('#totp-secret');
  await admin.screenshot({ path: path.join(out, 'staff-second-factor.png'), fullPage: true });
  await admin.getByLabel('Code', { exact: true }).fill('000000');
  await admin.getByRole('button', { name: 'Turn on' }).click();
  await admin.waitForLoadState();
  const wrong = await admin.textContent('main');
  check(wrong.includes('not the code the app shows now') &&
    await admin.textContent('#totp-secret') === secret, 'a wrong code is refused, the same secret shown again');
  const enrolCode = totp(secret);
  await admin.getByLabel('Code', { exact: true }).fill(enrolCode);
  await admin.getByRole('button', { name: 'Turn on' }).click();
  await admin.waitForLoadState();
  const codes = await admin.locator('ul.codes code').allTextContents();
  check(codes.length === 10, 'ten recovery codes are shown once');

  // Sam logs in; the admin resets Sam's password, and Sam's session ends.
  const sam = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await logIn(sam, 'sam', 'first password 2026');
  check(sam.url().endsWith('/staff/'), 'the new user logs in');
  await admin.goto(`${base}/staff/users`);
  await admin.getByLabel('New password for sam').fill('second password 2026');
  await admin.getByRole('button', { name: 'Reset password of sam' }).click();
  await admin.waitForLoadState();
  check((await admin.textContent('main')).includes('every session they had has ended'),
    'an admin resets a password');
  await sam.goto(`${base}/staff/applicants`);
  check(sam.url().includes('/login'), "the old session ends with the password's reset");

  // Required of everyone: Sam is sent to enrolment after the password.
  await admin.getByRole('button', { name: 'Require a second factor of every user' }).click();
  await admin.waitForLoadState();
  check((await admin.textContent('main')).includes('A second factor is now required'),
    'an admin requires a second factor of everyone');
  await logIn(sam, 'sam', 'second password 2026');
  check((await sam.textContent('main')).includes('Set up a second factor') &&
    !sam.url().includes('/staff/'), 'a user without one is sent to enrolment after the password');
  const samSecret = await sam.textContent('#totp-secret');
  await sam.getByLabel('Code', { exact: true }).fill(totp(samSecret));
  await sam.getByRole('button', { name: 'Turn on' }).click();
  await sam.waitForLoadState();
  check((await sam.locator('ul.codes code').count()) === 10, 'enrolment at login shows the recovery codes');
  await sam.getByRole('link', { name: 'Continue' }).click();
  await sam.waitForLoadState();
  check(sam.url().endsWith('/staff/'), 'and then the staff pages');

  // The admin logs in again: the code used at enrolment is not taken twice; a recovery code is.
  await admin.getByRole('button', { name: 'Log out' }).click();
  await admin.waitForLoadState();
  await logIn(admin, 'ada', 'admin password 2026');
  check((await admin.textContent('main')).includes('Second factor'), 'the password is followed by the code');
  await admin.getByLabel('Code', { exact: true }).fill(enrolCode);
  await admin.getByRole('button', { name: 'Log in' }).click();
  await admin.waitForLoadState();
  check((await admin.textContent('main')).includes('The code is wrong, already used or too old'),
    'a code already used is refused');
  await admin.getByLabel('Code', { exact: true }).fill(codes[0]);
  await admin.getByRole('button', { name: 'Log in' }).click();
  await admin.waitForLoadState();
  check(admin.url().endsWith('/staff/'), 'a recovery code logs in');

  // Clearing Sam's second factor ends Sam's session too.
  await admin.goto(`${base}/staff/users`);
  await admin.getByRole('button', { name: 'Clear second factor of sam' }).click();
  await admin.waitForLoadState();
  check((await admin.textContent('main')).includes('second factor of sam is cleared'),
    "an admin clears a user's second factor");
  await sam.goto(`${base}/staff/applicants`);
  check(sam.url().includes('/login'), 'and their session ends');
} finally {
  await browser.close();
}
console.log(result.failures ? `FAILED: ${result.failures}` : 'passed');
process.exit(result.failures ? 1 : 0);
