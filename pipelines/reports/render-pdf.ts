import { chromium } from 'playwright-core';
import { chromiumPath } from '../browser/index.js';

/** Turns a self-contained HTML document into PDF bytes. */
export type PdfRenderer = (html: string) => Promise<Buffer>;

/**
 * Prints the report's own HTML with headless Chromium (playwright-core, the browser already on
 * the machine and in CI): the PDF is the same document as the email, fonts and charts included,
 * without a second layout to keep in step. The executable is `chromiumPath()`'s unless given.
 */
export function chromiumPdf(executablePath?: string): PdfRenderer {
  return async (html) => {
    const browser = await chromium.launch({
      executablePath: executablePath ?? chromiumPath(),
      args: ['--no-sandbox'],
    });
    try {
      const page = await browser.newPage();
      await page.route('**/*', (route) =>
        route.request().url().startsWith('data:') ? route.continue() : route.abort(),
      );
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '10mm', bottom: '12mm', left: '8mm', right: '8mm' },
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate:
          '<div style="font-family:Arial,sans-serif;font-size:8px;color:#4C6272;width:100%;text-align:center;">ICS Flow Observatory · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      });
      return Buffer.from(pdf);
    } finally {
      await browser.close();
    }
  };
}
