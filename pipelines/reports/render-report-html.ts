import type { ReportCell, ReportDocument, ReportSection } from './report-document.js';

/** How charts are referenced: by Content-ID (email) or embedded as data: URIs (archive, PDF). */
export type ImageSource = (chartName: string) => string;

const blue = '#005EB8';
const text = '#212B32';
const grey = '#4C6272';
const pale = '#F0F4F5';
const border = '#D8DDE0';
const tones: Record<NonNullable<ReportCell['tone']>, { fg: string; bg: string }> = {
  good: { fg: '#006747', bg: '#E5F3EC' },
  bad: { fg: '#8A1538', bg: '#FBE5E9' },
  warn: { fg: '#7A4B00', bg: '#FFF4D6' },
  neutral: { fg: text, bg: '' },
};
const font = 'font-family:Arial,Helvetica,sans-serif;';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The report as one HTML document that mail clients display as intended: table layout, every
 * style inline, no script, no external resource (images come from `image`: `cid:` references
 * for email, `data:` URIs for the archive and the PDF).
 */
export function renderReportHtml(doc: ReportDocument, image: ImageSource): string {
  const e = escapeHtml;
  const list = (items: string[]) =>
    items.map((item) => `<li style="margin:0 0 6px 0;">${e(item)}</li>`).join('');
  const disclosure = doc.disclosure
    ? `<tr><td style="padding:12px 24px;background:#FFF4D6;${font}font-size:13px;color:${text};border-left:4px solid #FFB81C;">
<strong>Disclosure control applied.</strong> Counts from ${doc.disclosure.suppress[0]} to ${doc.disclosure.suppress[1]} are suppressed (shown as –); other counts are rounded to the nearest ${doc.disclosure.round}; percentages are recomputed from the rounded counts, with one decimal place only where the rounded denominator is at least ${doc.disclosure.one_decimal_from_denominator.toLocaleString('en-GB')}. National figures (${e(doc.disclosure.not_controlled.join(', '))}) are not controlled. Intervals: ${e(doc.disclosure.intervals)}.</td></tr>`
    : '';
  return `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${e(doc.title)}: ${e(doc.period.label)}</title>
<style>@page{size:A4;margin:12mm 10mm;} table{border-collapse:collapse;} tr{page-break-inside:avoid;}</style></head>
<body style="margin:0;padding:0;background:${pale};${font}color:${text};">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${pale};"><tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="760" cellpadding="0" cellspacing="0" style="width:760px;max-width:100%;background:#ffffff;">
<tr><td style="background:${blue};padding:20px 24px;${font}color:#ffffff;">
<div style="font-size:13px;letter-spacing:0.5px;">ICS FLOW OBSERVATORY</div>
<div style="font-size:26px;font-weight:bold;margin-top:4px;">${e(doc.title)}</div>
<div style="font-size:16px;margin-top:4px;">${e(doc.subtitle)}</div></td></tr>
${disclosure}
<tr><td style="padding:20px 24px 4px 24px;${font}">
<h2 style="margin:0 0 8px 0;font-size:20px;color:${blue};">What changed</h2>
<ul style="margin:0 0 12px 20px;padding:0;font-size:15px;line-height:1.4;">${list(doc.whatChanged)}</ul>
<h2 style="margin:12px 0 8px 0;font-size:20px;color:${blue};">Where to look</h2>
<ul style="margin:0 0 8px 20px;padding:0;font-size:15px;line-height:1.4;">${list(doc.whereToLook)}</ul>
</td></tr>
${doc.sections.map((section) => renderSection(section, image)).join('\n')}
<tr><td style="padding:16px 24px;border-top:1px solid ${border};${font}font-size:12px;color:${grey};line-height:1.5;">
Report <strong>${e(doc.report)}</strong>, period <strong>${e(doc.period.label)}</strong> (${e(doc.period.start)} to ${e(doc.period.end)}), audience ${e(doc.audience)}, generated ${e(doc.generatedAt.toISOString())}. Every figure is the observatory API's for the same indicator, organisation and period (the "Source" lines name them); times are Europe/London. Synthetic ICS data unless the source says NHS England.
</td></tr>
</table></td></tr></table></body></html>
`;
}

function renderSection(section: ReportSection, image: ImageSource): string {
  const e = escapeHtml;
  const paragraphs = section.paragraphs
    .map((p) => `<p style="margin:0 0 8px 0;font-size:14px;line-height:1.4;">${e(p)}</p>`)
    .join('');
  const chart = section.chart
    ? `<div style="margin:8px 0 8px 0;"><img src="${image(section.chart.name)}" width="${Math.min(section.chart.width, 712)}" alt="${e(section.chart.alt)}" style="display:block;width:${Math.min(section.chart.width, 712)}px;max-width:100%;height:auto;border:0;"></div>`
    : '';
  const table = section.table
    ? `<table role="table" width="100%" cellpadding="0" cellspacing="0" style="width:100%;border-collapse:collapse;font-size:12px;${font}">
<thead><tr>${section.table.columns.map((c, i) => `<th scope="col" style="text-align:${i === 0 ? 'left' : 'right'};padding:6px 6px;background:${blue};color:#ffffff;font-weight:bold;border:1px solid ${blue};">${e(c)}</th>`).join('')}</tr></thead>
<tbody>${section.table.rows
        .map(
          (row, r) =>
            `<tr>${row
              .map((cell, i) => {
                const tone = tones[cell.tone ?? 'neutral'];
                const bg = tone.bg || (r % 2 === 1 ? '#F7F9FA' : '#ffffff');
                const align = i === 0 ? 'left' : cell.numeric ? 'right' : 'right';
                const first =
                  i === 0 ? (cell.indent ? 'padding-left:18px;' : 'font-weight:bold;') : '';
                return `<td style="padding:5px 6px;border:1px solid ${border};text-align:${align};color:${tone.fg};background:${bg};${first}">${e(cell.text)}</td>`;
              })
              .join('')}</tr>`,
        )
        .join('\n')}</tbody></table>`
    : '';
  const sources = section.sources
    .map((s) => `<div style="font-size:11px;color:${grey};margin-top:3px;">Source: ${e(s)}</div>`)
    .join('');
  return `<tr><td style="padding:16px 24px 8px 24px;${font}border-top:1px solid ${border};">
<h2 style="margin:0 0 8px 0;font-size:18px;color:${blue};">${e(section.title)}</h2>
${paragraphs}${chart}${table}<div style="margin-top:6px;">${sources}</div></td></tr>`;
}
