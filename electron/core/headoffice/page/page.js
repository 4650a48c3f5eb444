// Head office's page: its words once (`words`), then one call (`day`) every 30 s, through the browser-mode transport.
// Its words come from the app's one catalogue (hq.* keys), in the browser's language when the app speaks it.
const asked = (navigator.language || 'en').slice(0, 2);
let language = 'en';
let words = {};
/** The refusals' sentences in the page's language, by key (sent with the words); their params filled here. */
let refusals = {};
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ''));

async function call(method, input) {
  const response = await fetch(`/api/call/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  const answer = await response.json();
  if (!answer.ok) throw new Error(answer.key && refusals[answer.key] ? fill(refusals[answer.key], answer.params ?? {}) : answer.message);
  return answer.data;
}

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
    tr.append(cell(alarm.tillName), cell(words[`kinds.${alarm.kind}`] ?? alarm.kind), cell(String(alarm.seq)), cell(alarm.detail), cell(new Date(alarm.raisedAt).toLocaleString(language)));
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
    row(words.cash, `${t.text.cash} (${t.text.cashSales})`);
    row(words.momo, `${t.text.momo} (${t.text.momoSales})`);
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
    await loadWords();
    const day = await call('day', { date: dayInput.value, language });
    problem.hidden = true;
    render(day);
  } catch (error) {
    problem.textContent = error instanceof Error ? error.message : String(error);
    problem.hidden = false;
  }
}

/** Once: the words in the page's language; until then the page keeps index.html's English. */
async function loadWords() {
  if (words.title) return;
  ({ language, words, refusals = {} } = await call('words', { language: asked }));
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = words[node.dataset.text] ?? node.textContent;
  document.documentElement.lang = language;
}

dayInput.addEventListener('change', refresh);
refresh();
setInterval(refresh, 30_000);
