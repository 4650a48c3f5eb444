// Head office's page: one call (`day`) through the browser-mode transport, every 30 s.
const WORDS = {
  en: { title: 'Head office', day: 'Day', tills: 'Tills', till: 'Till', device: 'Device', lastPush: 'Last push', cash: 'Cash', momo: 'MoMo', refunds: 'Refunds', net: 'Net', chain: 'Chain', totals: 'Totals across tills', hours: 'Sales per hour, all tills', never: 'never', ok: 'OK', fork: 'FORK at seq {seq}', gap: 'GAP from seq {seq}', none: 'Nothing received for this day.', prompts: 'MoMo prompts', promptsLine: '{ok} approved, {rejected} declined, {failed} failed, {expired} expired', zReports: 'Z reports received', sales: 'sales', sale: 'sale', alarms: 'Open alarms', alarm: 'Alarm', seq: 'Seq', reason: 'Reason', raised: 'Raised', alarmBadge: 'ALARM ({count})', retired: 'RETIRED', revoked: 'REVOKED', fiscal: 'Tax receipts (EBM)', fiscalSigned: '{count} signed', fiscalWaiting: '{count} waiting since {time}', fiscalRefused: '{count} refused', fiscalLast: 'last signed {time}', fiscalNone: '—', kinds: { fork: 'Fork', forged: 'Forged entry', foreign: 'Foreign chain', invalid: 'Invalid entry', gap: 'Gap' } },
  fr: { title: 'Siège', day: 'Jour', tills: 'Caisses', till: 'Caisse', device: 'Appareil', lastPush: 'Dernier envoi', cash: 'Espèces', momo: 'MoMo', refunds: 'Remboursements', net: 'Net', chain: 'Chaîne', totals: 'Totaux de toutes les caisses', hours: 'Ventes par heure, toutes caisses', never: 'jamais', ok: 'OK', fork: 'BIFURCATION au n° {seq}', gap: 'TROU depuis le n° {seq}', none: 'Rien reçu pour ce jour.', prompts: 'Demandes MoMo', promptsLine: '{ok} acceptées, {rejected} refusées, {failed} échouées, {expired} expirées', zReports: 'Rapports Z reçus', sales: 'ventes', sale: 'vente', alarms: 'Alertes ouvertes', alarm: 'Alerte', seq: 'N°', reason: 'Raison', raised: 'Levée', alarmBadge: 'ALERTE ({count})', retired: 'RETIRÉE', revoked: 'RÉVOQUÉE', fiscal: 'Reçus fiscaux (EBM)', fiscalSigned: '{count} signés', fiscalWaiting: '{count} en attente depuis le {time}', fiscalRefused: '{count} refusés', fiscalLast: 'dernier signé le {time}', fiscalNone: '—', kinds: { fork: 'Bifurcation', forged: 'Écriture falsifiée', foreign: 'Chaîne étrangère', invalid: 'Écriture invalide', gap: 'Trou' } },
  rw: { title: 'Icyicaro gikuru', day: 'Umunsi', tills: 'Za kesi', till: 'Kesi', device: 'Igikoresho', lastPush: 'Byoherejwe bwa nyuma', cash: 'Amafaranga mu ntoki', momo: 'MoMo', refunds: 'Ibisubijwe', net: 'Asigaye', chain: 'Urunigi', totals: 'Igiteranyo cya za kesi zose', hours: 'Ibyagurishijwe ku isaha, za kesi zose', never: 'nta na rimwe', ok: 'Nta kibazo', fork: 'GUTANDUKANA kuri #{seq}', gap: 'ICYUHO guhera kuri #{seq}', none: 'Nta cyakiriwe kuri uyu munsi.', prompts: 'Ubusabe bwa MoMo', promptsLine: '{ok} byemewe, {rejected} byanzwe, {failed} byanze, {expired} byarangiye', zReports: 'Raporo Z zakiriwe', sales: 'ibyagurishijwe', sale: 'icyagurishijwe', alarms: 'Impuruza zifunguye', alarm: 'Impuruza', seq: 'Nomero', reason: 'Impamvu', raised: 'Yatangiye', alarmBadge: 'IMPURUZA ({count})', retired: 'YAVANYWEHO', revoked: 'YAHAGARITSWE', fiscal: 'Inyemezabuguzi z’imisoro (EBM)', fiscalSigned: '{count} zasinywe', fiscalWaiting: '{count} zitegereje kuva {time}', fiscalRefused: '{count} zanzwe', fiscalLast: 'iyasinywe bwa nyuma {time}', fiscalNone: '—', kinds: { fork: 'Gutandukana', forged: 'Inyandiko yahinduwe', foreign: 'Urunigi rw’indi kesi', invalid: 'Inyandiko itemewe', gap: 'Icyuho' } },
};
const language = (navigator.language || 'en').slice(0, 2);
const words = WORDS[language] ?? WORDS.en;
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));

for (const node of document.querySelectorAll('[data-text]')) node.textContent = words[node.dataset.text] ?? node.textContent;
document.documentElement.lang = WORDS[language] ? language : 'en';

const dayInput = document.getElementById('day');
dayInput.value = new Date().toISOString().slice(0, 10);

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function chainBadge(chain, alarms, till) {
  const span = document.createElement('span');
  span.className = `chain ${chain.state === 'ok' && alarms > 0 ? 'alarm' : chain.state}`;
  span.textContent = till.retiredAt
    ? words.retired
    : till.revokedAt
      ? words.revoked
      : chain.state === 'fork'
        ? fill(words.fork, { seq: chain.seq })
        : chain.state === 'gap'
          ? fill(words.gap, { seq: chain.fromSeq })
          : alarms > 0
            ? fill(words.alarmBadge, { count: alarms })
            : words.ok;
  const td = document.createElement('td');
  td.append(span);
  return td;
}

// A till's tax receipts: signed on the day per label, refused, waiting now (a warning), last signed. Text only.
function fiscalCell(fiscal, times) {
  const td = document.createElement('td');
  td.className = 'fiscal';
  if (!fiscal) {
    td.textContent = words.fiscalNone;
    return td;
  }
  const line = (text, className) => {
    const div = document.createElement('div');
    div.textContent = text;
    if (className) div.className = className;
    td.append(div);
  };
  const labels = fiscal.labels.filter((l) => l.signed > 0).map((l) => `${l.label} ${l.signed}`).join(' · ');
  line(`${fill(words.fiscalSigned, { count: fiscal.signed })}${labels ? ` (${labels})` : ''}`);
  if (fiscal.pending > 0) line(fill(words.fiscalWaiting, { count: fiscal.pending, time: times?.oldestPending ?? '?' }), 'warn');
  if (fiscal.rejected > 0) line(fill(words.fiscalRefused, { count: fiscal.rejected }), 'warn');
  if (times?.lastSigned) line(fill(words.fiscalLast, { time: times.lastSigned }), 'sub');
  return td;
}

// Every alarm with its till, seq, reason and time: text only (textContent), whatever a till sent.
function renderAlarms(alarms) {
  const section = document.getElementById('alarms-section');
  const body = document.querySelector('#alarms tbody');
  body.replaceChildren();
  section.hidden = alarms.length === 0;
  for (const alarm of alarms) {
    const tr = document.createElement('tr');
    tr.dataset.kind = alarm.kind;
    tr.append(cell(alarm.tillName), cell(words.kinds[alarm.kind] ?? alarm.kind), cell(String(alarm.seq)), cell(alarm.detail), cell(new Date(alarm.raisedAt).toLocaleString(language)));
    body.append(tr);
  }
}

function render(day) {
  renderAlarms(day.alarms);
  const body = document.querySelector('#tills tbody');
  body.replaceChildren();
  for (const till of day.tills) {
    const tr = document.createElement('tr');
    const sum = (pick) => till.totals.map((t) => pick(t.text)).join(' + ') || '—';
    tr.append(
      cell(till.name),
      cell(till.deviceId ?? '—'),
      cell(till.lastPushText ?? words.never),
      cell(sum((text) => text.cash), 'amount'),
      cell(sum((text) => text.momo), 'amount'),
      cell(sum((text) => text.refunds), 'amount'),
      cell(sum((text) => text.net), 'amount'),
      fiscalCell(till.fiscal, till.fiscalText),
      chainBadge(till.chain, day.alarms.filter((a) => a.tillId === till.tillId).length, till),
    );
    body.append(tr);
  }
  const totals = document.getElementById('totals');
  totals.replaceChildren();
  const row = (label, value) => {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    totals.append(dt, dd);
  };
  if (day.totals.length === 0) row(words.none, '');
  for (const t of day.totals) {
    row(words.cash, `${t.text.cash} (${t.cashSales} ${t.cashSales === 1 ? words.sale : words.sales})`);
    row(words.momo, `${t.text.momo} (${t.momoSales} ${t.momoSales === 1 ? words.sale : words.sales})`);
    row(words.refunds, `${t.text.refunds} (${t.refunds})`);
    row(words.net, t.text.net);
    row(words.prompts, fill(words.promptsLine, { ok: t.prompts.successful, rejected: t.prompts.rejected, failed: t.prompts.failed, expired: t.prompts.expired }));
    row(words.zReports, String(t.zReports));
  }
  const hours = document.getElementById('hours');
  hours.replaceChildren();
  // Bar heights compare amounts of one currency (the first one seen); the labels say each amount in words.
  const currency = day.hours[0]?.currency;
  const byHour = Array.from({ length: 24 }, (_, hour) => day.hours.filter((h) => h.hour === hour && h.currency === currency));
  const height = (lines) => lines.reduce((sum, h) => sum + Number(h.salesMinor), 0);
  const most = Math.max(1, ...byHour.map(height));
  hours.setAttribute('aria-label', byHour.map((lines, hour) => `${hour}h: ${lines.map((h) => h.text).join(' + ') || 0}`).join(', '));
  byHour.forEach((lines, hour) => {
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.style.height = `${(height(lines) / most) * 100}%`;
    bar.title = `${hour}:00 — ${lines.map((h) => h.text).join(' + ') || '0'}`;
    const label = document.createElement('span');
    label.textContent = String(hour);
    bar.append(label);
    hours.append(bar);
  });
}

async function refresh() {
  const problem = document.getElementById('problem');
  try {
    const response = await fetch('/api/call/day', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ date: dayInput.value, language }) });
    const answer = await response.json();
    if (!answer.ok) throw new Error(answer.message);
    problem.hidden = true;
    render(answer.data);
  } catch (error) {
    problem.textContent = error instanceof Error ? error.message : String(error);
    problem.hidden = false;
  }
}

dayInput.addEventListener('change', refresh);
refresh();
setInterval(refresh, 30_000);
