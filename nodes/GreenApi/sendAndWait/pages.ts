import type { Answer, FormField, WaitConfig } from './config';

/** The small, self-contained pages a person sees on opening a link: no script, no outside resource. */

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Stops the pages from loading anything or running scripts; their form posts back to the same address only. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const STYLE = `
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f0f2f5;color:#111b21}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
h1{font-size:1.15rem;margin:0 0 1rem}
.question{white-space:pre-wrap;line-height:1.45;margin:0 0 1.25rem}
label{display:block;font-weight:600;margin:1rem 0 .35rem}
input,select,textarea{box-sizing:border-box;width:100%;font:inherit;padding:.6rem;border:1px solid #c5cbd0;border-radius:8px}
textarea{min-height:7rem}
button{margin-top:1.25rem;width:100%;font:inherit;font-weight:600;padding:.8rem;border:0;border-radius:24px;background:#00a884;color:#fff}
button.decline{background:#e9edef;color:#111b21}
.error{color:#b3261e;font-weight:600}
.note{color:#54656f;font-size:.9rem}`;

function page(title: string, body: string): string {
	return (
		'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
		'<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">' +
		`<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
		`<body><main>${body}</main></body></html>`
	);
}

function input(field: FormField, index: number, value: string): string {
	const id = `field-${index}`;
	const required = field.required ? ' required' : '';
	const label = `<label for="${id}">${escapeHtml(field.label)}${field.required ? ' *' : ''}</label>`;
	if (field.type === 'dropdown') {
		const choices = field.choices
			.map((choice) => `<option${choice === value ? ' selected' : ''}>${escapeHtml(choice)}</option>`)
			.join('');
		return `${label}<select id="${id}" name="${id}"${required}><option value="">Choose…</option>${choices}</select>`;
	}
	const type = field.type === 'number' ? 'number" step="any' : field.type;
	return `${label}<input id="${id}" name="${id}" type="${type}" value="${escapeHtml(value)}"${required}>`;
}

/**
 * The page of one link: the question and one button (Approval), a text box (Free Text) or the form (Custom Form).
 * Only its POST records an answer; `error` and `values` show a refused answer again.
 */
export function questionPage(config: WaitConfig, answer: Answer, error?: string, values: Record<string, string> = {}): string {
	const link = config.links.find((entry) => entry.answer === answer);
	const label = escapeHtml(link?.label ?? 'Send');
	let fields = '';
	if (config.responseType === 'freeText') {
		fields = `<label for="text">Your answer</label><textarea id="text" name="text" required>${escapeHtml(values.text ?? '')}</textarea>`;
	} else if (config.responseType === 'customForm') {
		fields = config.fields.map((field, index) => input(field, index, values[`field-${index}`] ?? '')).join('');
	}
	const note = config.responseType === 'approval' ? '<p class="note">Your answer is recorded when you press the button.</p>' : '';
	return page(
		'Your answer',
		'<h1>Your answer is requested</h1>' +
			`<p class="question">${escapeHtml(config.message)}</p>` +
			(error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : '') +
			// n8n accepts only multipart/form-data for a custom form's answer
			`<form method="post"${config.responseType === 'customForm' ? ' enctype="multipart/form-data"' : ''}>${fields}<input type="hidden" name="answer" value="${answer}">` +
			`<button type="submit"${answer === 'decline' ? ' class="decline"' : ''}>${label}</button></form>${note}`,
	);
}

export function recordedPage(): string {
	return page('Answer recorded', '<h1>Thank you, your answer is recorded</h1><p class="note">You can close this page now.</p>');
}

export function closedPage(): string {
	return page(
		'Already answered',
		'<h1>This question is no longer open</h1><p class="note">An answer was already recorded, or the question was replaced by a newer one. Nothing was changed.</p>',
	);
}

export function brokenLinkPage(): string {
	return page('Link not valid', '<h1>This link is not valid</h1><p class="note">Please use the link from the message exactly as it was sent.</p>');
}
