// The floor beside `peercert check --program TX-MHPS --batch`: the same decisions for the
// bench's applicants, written as a plain JavaScript loop over the file, as a board's IT might
// script it. It knows only TX-MHPS's six criteria and the bench's well-formed columns; its
// output is byte for byte peercert's (scripts/bench checks), so the two do the same work.
//
// Usage: node check-batch.js APPLICANTS.csv AS_OF > RESULTS.csv
'use strict';
const fs = require('fs');

const [file, asOf] = process.argv.slice(2);
const [ay, am, ad] = asOf.split('-').map(Number);
const rank = { none: 0, high_school_diploma: 1, ged: 1, associate: 2, bachelor: 3, master: 4,
  doctorate: 5 };
const MET = 0, UNMET = 1, UNKNOWN = 2;

const pad = (n, w) => String(n).padStart(w, '0');
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
// The 18th birthday: 29 February becomes 1 March in a common year.
function birthday18(dob) {
  let y = Number(dob.slice(0, 4)) + 18, m = Number(dob.slice(5, 7)), d = Number(dob.slice(8, 10));
  if (m === 2 && d === 29 && !leap(y)) { m = 3; d = 1; }
  return [y, m, d];
}
const attested = (v) => (v === 'true' ? MET : v === 'false' ? UNMET : UNKNOWN);
const check = (v) => (v === 'passed' ? MET : v === 'failed' ? UNMET : UNKNOWN);

const lines = fs.readFileSync(file, 'utf8').split('\n');
const out = ['id,outcome,eligible_on,unmet\r\n'];
let size = out[0].length;
const fd = 1;
for (let i = 1; i < lines.length; i++) {
  const line = lines[i];
  if (line === '') continue;
  const f = line.split(',');
  const results = [];
  let when = '';
  // age
  if (f[1] === '') {
    results.push(UNKNOWN);
  } else {
    const [y, m, d] = birthday18(f[1]);
    const met = y < ay || (y === ay && (m < am || (m === am && d <= ad)));
    results.push(met ? MET : UNMET);
    if (!met) when = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  }
  results.push(attested(f[3]));
  results.push(f[2] === '' ? UNKNOWN : rank[f[2]] >= 1 ? MET : UNMET);
  results.push(attested(f[4]));
  results.push(attested(f[5]));
  const b = check(f[6]), r = check(f[7]);
  results.push(b === UNMET || r === UNMET ? UNMET : b === UNKNOWN || r === UNKNOWN ? UNKNOWN : MET);
  const ids = ['age', 'lived_experience', 'education', 'share_story', 'self_directed_recovery',
    'background_checks'];
  const unmet = [];
  let unknown = false;
  for (let k = 0; k < results.length; k++) {
    if (results[k] === UNMET) unmet.push(ids[k]);
    else if (results[k] === UNKNOWN) unknown = true;
  }
  const outcome = unmet.length > 0 ? 'not_eligible' : unknown ? 'undetermined' : 'eligible';
  const eligibleOn = unmet.length === 1 && unmet[0] === 'age' && !unknown ? when : '';
  const row = `${f[0]},${outcome},${eligibleOn},${unmet.join(';')}\r\n`;
  out.push(row);
  size += row.length;
  if (size > 1 << 16) {
    fs.writeSync(fd, out.join(''));
    out.length = 0;
    size = 0;
  }
}
fs.writeSync(fd, out.join(''));
