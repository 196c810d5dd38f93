// Saving a file from the page: a link with `download`, clicked. Blob links are revoked once used.
export function saveLink(href: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.click();
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  saveLink(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
