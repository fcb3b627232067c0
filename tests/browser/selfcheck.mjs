// Drives Debian's Chromium through peercert's pages as an applicant and as staff would.
// BASE_URL is a running `peercert serve`; screenshots go to OUT_DIR.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { check, launch, result } from './launch.mjs';

const base = process.env.BASE_URL;
const out = process.env.OUT_DIR;

const browser = await launch();

try {
  // An eligible applicant, on a phone-sized screen, finding the form from the home page.
  const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await phone.goto(`${base}/`);
  await phone.getByRole('link', { name: 'Missouri Certified Peer Specialist' }).click();
  await phone.getByLabel('What is your date of birth?').fill('1990-05-01');
  await phone.getByLabel('What is the highest level of education you have completed?')
    .selectOption('ged');
  await phone.getByRole('group', { name: /successful in your own recovery/ })
    .getByLabel('Yes').check();
  await phone.getByLabel(/criminal history/).selectOption('passed');
  await phone.getByLabel(/registry check/).selectOption('passed');
  await phone.screenshot({ path: path.join(out, 'selfcheck-form-phone.png'), fullPage: true });
  await phone.getByRole('button', { name: 'Check my eligibility' }).click();
  await phone.waitForLoadState();
  const eligible = await phone.textContent('main');
  check(eligible.includes('You are eligible.'), 'an eligible applicant is told so');
  check(eligible.includes('$75.00 application fee'), 'with the next steps and the fee in force');
  check(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    'the answer fits a phone screen without sideways scrolling');
  await phone.screenshot({ path: path.join(out, 'selfcheck-eligible.png'), fullPage: true });
  // One click brings the form back as it was filled.
  await phone.getByRole('button', { name: 'Change an answer' }).first().click();
  await phone.waitForLoadState();
  check(await phone.getByLabel('What is your date of birth?').inputValue() === '1990-05-01' &&
    await phone.getByLabel(/registry check/).inputValue() === 'passed' &&
    await phone.getByRole('group', { name: /successful in your own recovery/ }).getByLabel('Yes').isChecked(),
    '"Change an answer" returns the form filled as it was');

  // A not-eligible applicant, answering the lists and choices with the keyboard.
  const desk = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  await desk.goto(`${base}/check/TX-MHPS`);
  await desk.getByLabel('What is your date of birth?').fill('1985-03-02');
  await desk.getByLabel('What is the highest level of education you have completed?').focus();
  await desk.keyboard.press('ArrowDown'); // from "Choose…" to "No diploma"
  for (const name of [/lived experience/, /share your own recovery story/, /self-directed recovery/]) {
    await desk.getByRole('group', { name }).getByLabel('Yes').focus();
    await desk.keyboard.press('Space');
  }
  await desk.getByLabel(/criminal history/).selectOption('passed');
  await desk.getByLabel(/registry check/).selectOption('pending');
  await desk.getByRole('button', { name: 'Check my eligibility' }).press('Enter');
  await desk.waitForLoadState();
  const notEligible = await desk.textContent('main');
  check(notEligible.includes('Not eligible.'), 'a not-eligible applicant is told so');
  check(notEligible.includes('You told us you have no diploma'), 'with the reason');
  check(notEligible.includes('Your registry check is still pending.'), 'and every other reason');
  const inTheWay = notEligible.indexOf('What stands in the way');
  check(inTheWay >= 0 && inTheWay < notEligible.indexOf('What is met') &&
    notEligible.indexOf('You told us you have no diploma') < notEligible.indexOf('What is met'),
    'the answer starts with what stands in the way, then what is met');
  await desk.screenshot({ path: path.join(out, 'selfcheck-not-eligible.png'), fullPage: true });
  await desk.getByRole('button', { name: 'Change an answer' }).first().click();
  await desk.waitForLoadState();
  check(await desk.getByLabel(/registry check/).inputValue() === 'pending' &&
    await desk.getByLabel('What is your date of birth?').inputValue() === '1985-03-02',
    'a not-eligible applicant changes one answer without typing the others again');

  // Staff: log in, log a CE entry, download the reminders calendar.
  const staff = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  await staff.goto(`${base}/staff/`);
  check(staff.url().includes('/login'), 'a staff page asks for a login first');
  await staff.getByLabel('User name').fill('dana');
  await staff.getByLabel('Password').fill('correct horse battery');
  await staff.getByRole('button', { name: 'Log in' }).click();
  await staff.waitForLoadState();
  await staff.getByLabel('Credential number').fill('MO-CPS-000101');
  await staff.getByRole('button', { name: 'Look up' }).click();
  await staff.waitForLoadState();
  check((await staff.textContent('main')).includes('18.00 / 20.00 h'), 'the credential shows its hours');
  await staff.getByLabel('Date completed', { exact: true }).fill('2026-11-20');
  await staff.getByLabel('Hours', { exact: true }).fill('2');
  await staff.getByLabel('Category', { exact: true }).selectOption('ethics');
  await staff.getByLabel('Delivery', { exact: true }).selectOption('live');
  await staff.getByLabel('Provider', { exact: true }).fill('Hope Center');
  await staff.getByLabel('Title', { exact: true }).fill('Ethics and boundaries');
  await staff.getByRole('button', { name: 'Log entry' }).click();
  await staff.waitForLoadState();
  const logged = await staff.textContent('main');
  check(logged.includes('The entry is logged.') && logged.includes('20.00 / 20.00 h'),
    'staff log a CE entry and see the hours rise');
  await staff.screenshot({ path: path.join(out, 'staff-credential.png'), fullPage: true });
  // The certificate and wallet card: printed to PDF on A4 and on Letter, its QR code read back.
  await staff.getByRole('link', { name: 'Print the certificate and wallet card' }).click();
  await staff.waitForLoadState();
  await staff.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter']) {
    const pdf = await staff.pdf({ format, landscape: true, printBackground: true });
    fs.writeFileSync(path.join(out, `certificate-${format}.pdf`), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    check(pages === 2, `the certificate and the wallet card print on 2 ${format} pages (${pages})`);
  }
  await staff.emulateMedia({ media: 'screen' });
  const certificateShot = path.join(out, 'certificate.png');
  await staff.locator('svg.certificate').screenshot({ path: certificateShot });
  let decoded = '';
  try {
    decoded = execFileSync('zbarimg', ['-q', '--raw', certificateShot], { encoding: 'utf8' }).trim();
  } catch (e) {
    decoded = `zbarimg failed: ${e.message}`;
  }
  check(decoded === 'https://verify.example.org/verify?number=MO-CPS-000101',
    `the certificate's QR code opens the public verification (${decoded})`);
  await staff.goBack();
  await staff.getByRole('link', { name: 'Renewal reminders' }).click();
  await staff.waitForLoadState();
  await staff.screenshot({ path: path.join(out, 'staff-reminders.png'), fullPage: true });
  // On a phone, each row of the reminders is a card whose fields carry their labels.
  await staff.setViewportSize({ width: 390, height: 844 });
  const label = await staff.evaluate(() => getComputedStyle(
    document.querySelector('table.stack tbody td[data-label="Holder"]'), '::before').content);
  check(label.includes('Holder'), `on a phone each reminder field is labelled (${label})`);
  check(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    'the reminders page fits a phone screen without sideways scrolling');
  await staff.screenshot({ path: path.join(out, 'staff-reminders-phone.png'), fullPage: true });
  await staff.setViewportSize({ width: 1200, height: 900 });
  const [download] = await Promise.all([
    staff.waitForEvent('download'),
    staff.getByRole('link', { name: 'calendar (ICS)' }).click(),
  ]);
  const ics = path.join(out, 'reminders.ics');
  await download.saveAs(ics);
  const calendar = fs.readFileSync(ics, 'utf8');
  check(calendar.startsWith('BEGIN:VCALENDAR\r\n') && calendar.includes('MO-CPS-000101'),
    'staff download the reminders calendar');

  // Staff find a holder by part of a name, ignoring case, and void an entry logged in error.
  await staff.goto(`${base}/staff/`);
  await staff.getByLabel('Credential number, name or email').fill('PARK');
  await staff.getByRole('button', { name: 'Look up' }).click();
  await staff.waitForLoadState();
  check((await staff.textContent('h1')).includes('MO-CPS-000101'),
    'staff find a holder by part of the last name');
  await staff.getByLabel('Entry', { exact: true }).selectOption({ label: '2026-11-20, 2.00 hours, Hope Center: Ethics and boundaries' });
  await staff.getByLabel('Why it is voided').fill('Logged to the wrong holder');
  await staff.getByRole('button', { name: 'Void entry' }).click();
  await staff.waitForLoadState();
  const voided = await staff.textContent('main');
  check(voided.includes('The entry is voided') && voided.includes('18.00 / 20.00 h'),
    'staff void an entry and the hours fall back');
  await staff.screenshot({ path: path.join(out, 'staff-voided.png'), fullPage: true });

  // The public verifies a holder by name and by number, and sees nothing private.
  const employer = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await employer.goto(`${base}/verify`);
  await employer.getByLabel('Last name').fill('park');
  await employer.getByLabel('First name').fill('LEE');
  await employer.getByRole('button', { name: 'Verify' }).click();
  await employer.waitForLoadState();
  const byName = await employer.textContent('main');
  check(byName.includes('MO-CPS-000101') && byName.includes('Lee Park'),
    'the public verifies a holder by last and first name');
  check(!byName.includes('lee.park@example.org') && !byName.includes('@'),
    'the verification page shows no email');
  check(await employer.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    'the verification answer fits a phone screen without sideways scrolling');
  await employer.screenshot({ path: path.join(out, 'verify-by-name-phone.png'), fullPage: true });
  await employer.goto(`${base}/verify`);
  await employer.getByLabel('Credential number').fill('mo-cps-000104');
  await employer.getByRole('button', { name: 'Verify' }).click();
  await employer.waitForLoadState();
  const byNumber = await employer.textContent('main');
  check(byNumber.includes('Ben Active') && byNumber.includes('MO-CPS-000104') &&
    !byNumber.includes('ben@example.org'), 'the public verifies a holder by number');

  // Staff add an applicant with the facts of several programs, on a phone.
  const staffPhone = staff;
  await staffPhone.setViewportSize({ width: 390, height: 844 });
  await staffPhone.goto(`${base}/staff/applicants/new`);
  await staffPhone.getByLabel('First name').fill('Rosa');
  await staffPhone.getByLabel('Last name').fill('Quispe');
  await staffPhone.getByLabel('Date of birth').fill('1985-05-05');
  await staffPhone.getByLabel('Education').selectOption('ged');
  await staffPhone.getByLabel('Recovery since').fill('2026-03-01');
  await staffPhone.getByLabel('Peer-support work (hours)').fill('512.5');
  await staffPhone.getByLabel('Personal references').fill('2');
  await staffPhone.getByRole('group', { name: 'Written exam passed' }).getByLabel('Yes').check();
  await staffPhone.getByRole('button', { name: 'Add applicant' }).click();
  await staffPhone.waitForLoadState();
  const added = await staffPhone.textContent('main');
  check(added.includes('Saved.') && added.includes('WA-CPSS') &&
    added.includes('You will have one year of recovery on 1 March 2027'),
    'staff add an applicant and see every program judged');
  check(await staffPhone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    'the applicant page fits a phone screen without sideways scrolling');
  await staffPhone.screenshot({ path: path.join(out, 'staff-applicant-phone.png'), fullPage: true });

  // The day's other pages fit a phone too: CE audits with the draw form, the audit log.
  for (const [link, shot] of [['CE audits', 'staff-audits-phone.png'], ['Audit log', 'staff-audit-log-phone.png']]) {
    await staffPhone.getByRole('link', { name: link, exact: true }).click();
    await staffPhone.waitForLoadState();
    check(await staffPhone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
      `the ${link} page fits a phone screen without sideways scrolling`);
    await staffPhone.screenshot({ path: path.join(out, shot), fullPage: true });
  }
  check((await staffPhone.textContent('main')).includes('applicant.add'),
    'the audit log shows the applicant just added');
} finally {
  await browser.close();
}
console.log(result.failures ? `FAILED: ${result.failures}` : 'passed');
process.exit(result.failures ? 1 : 0);
