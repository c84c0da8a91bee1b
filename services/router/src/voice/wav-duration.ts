/**
 * The length of a WAV recording, read from its RIFF header: the `data` chunk's size over the
 * `fmt ` chunk's byte rate. Compressed containers (webm, ogg, mp3) would need decoding, and their
 * size says little about their length (bitrates vary), so they are not measured at all.
 */
export function wavDurationSeconds(audio: Buffer): number | null {
  if (
    audio.length < 12 ||
    audio.toString('latin1', 0, 4) !== 'RIFF' ||
    audio.toString('latin1', 8, 12) !== 'WAVE'
  )
    return null;
  let byteRate = 0;
  let offset = 12;
  while (offset + 8 <= audio.length) {
    const id = audio.toString('latin1', offset, offset + 4);
    const size = audio.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && body + 12 <= audio.length) byteRate = audio.readUInt32LE(body + 8);
    if (id === 'data') {
      if (byteRate === 0) return null;
      // Streaming writers leave the size unset (0 or 0xFFFFFFFF): count what actually arrived.
      const unset = size === 0 || size === 0xffffffff;
      return (unset ? audio.length - body : size) / byteRate;
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  return null;
}
