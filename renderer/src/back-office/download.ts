/**
 * Saves text as a file through a Blob URL and a temporary link, so nothing
 * leaves the browser and no remote content is loaded.
 */
export function downloadText(
  fileName: string,
  contentType: string,
  content: string,
): void {
  const url = URL.createObjectURL(new Blob([content], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time click() returns in Chromium, but
  // revoking on the next task leaves room for slower browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}
