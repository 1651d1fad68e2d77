/** The bytes of the first file part of a multipart/form-data body (what files.uploadV2 sends). */
export function firstFilePart(body: Buffer, contentType: string): Buffer | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1 && /filename=/i.test(part.subarray(0, headerEnd).toString()))
      return part.subarray(headerEnd + 4);
    start = next;
  }
  return undefined;
}
