/** Reads an SSE stream until `done(text)` holds or 3 s pass; one read is kept pending across calls. */
export function sseReader(res: Response) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  return {
    reader,
    async readUntil(done: (text: string) => boolean): Promise<string> {
      let text = '';
      const deadline = Date.now() + 3000;
      while (!done(text) && Date.now() < deadline) {
        pending ??= reader.read();
        const chunk = await Promise.race([
          pending,
          new Promise<null>((r) => setTimeout(() => r(null), 100)),
        ]);
        if (chunk === null) continue;
        pending = undefined;
        if (chunk.done) break;
        text += decoder.decode(chunk.value, { stream: true });
      }
      return text;
    },
  };
}
