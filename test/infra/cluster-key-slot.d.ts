// cluster-key-slot (what ioredis routes Cluster commands by) ships no types: the one function
// cluster-slots.test.ts uses.
declare module 'cluster-key-slot' {
  /** The Redis Cluster hash slot (0-16383) of a key; a non-empty `{tag}` decides alone. */
  export default function calculateSlot(key: string | Buffer): number;
}
