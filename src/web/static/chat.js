// The chat console: sends a line to POST /chat as JSON and appends the agent's answer, which the
// server rendered with its escaping template. Approve/Deny on a card post the same way.
/* global document, FormData, HTMLFormElement */
'use strict';

const log = document.getElementById('chat-log');
const form = document.getElementById('chat-form');
const input = document.getElementById('chat-text');
const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

function append(className, build) {
  const turn = document.createElement('div');
  turn.className = `turn ${className}`;
  build(turn);
  log.appendChild(turn);
  turn.scrollIntoView({ block: 'end' });
  return turn;
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'X-CSRF-Token': csrf,
    },
    body: JSON.stringify(body),
  });
  const json = await response
    .json()
    .catch(() => ({ error: `The server answered ${response.status}.` }));
  if (!response.ok || typeof json.html !== 'string')
    throw new Error(json.error ?? `The server answered ${response.status}.`);
  return json.html;
}

function showAnswer(turn, markup) {
  // Markup comes from the server's html template, which escaped every value in it.
  turn.innerHTML = markup;
}

function showError(turn, message) {
  turn.textContent = '';
  const p = document.createElement('p');
  p.className = 'flash flash-error';
  p.textContent = message;
  turn.appendChild(p);
}

if (form && log && input) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    append('turn-user', (turn) => {
      const p = document.createElement('p');
      p.textContent = text;
      turn.appendChild(p);
    });
    const answer = append('turn-bot', (turn) => {
      turn.textContent = '…';
    });
    try {
      showAnswer(answer, await post('/chat', { text }));
    } catch (error) {
      showError(answer, error.message);
    }
  });

  log.addEventListener('submit', async (event) => {
    const decide = event.target;
    if (!(decide instanceof HTMLFormElement) || !decide.classList.contains('decide')) return;
    event.preventDefault();
    const data = new FormData(decide);
    const answer = append('turn-bot', (turn) => {
      turn.textContent = '…';
    });
    // One decision per card: both buttons go quiet once either is clicked.
    for (const button of decide.closest('.msg')?.querySelectorAll('form.decide button') ?? []) {
      button.setAttribute('disabled', '');
    }
    try {
      showAnswer(answer, await post(decide.action, { decision: data.get('decision') }));
    } catch (error) {
      showError(answer, error.message);
    }
  });
}
