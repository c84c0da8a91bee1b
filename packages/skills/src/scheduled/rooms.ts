/**
 * Rooms said to pick a timer or an alarm ("the kitchen timer", "the alarm in the kids
 * room"): an item is in a room when its name says so, or when the device it was set on
 * has an id that names the room. Device ids are whatever clients chose, so they are read
 * loosely: "kitchen" is in "kitchen", "kitchen-speaker" and "Kitchen Echo", "kids room" in
 * "kids-room-dot" and "KidsRoom".
 */

/** Lower-case words of a name or an id: "KidsRoom-Echo" -> ["kids", "room", "echo"]. */
function wordsOf(text: string): string[] {
  return text
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .replace(/'/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** Whether consecutive words of the device id spell the room, spaces or not ("kidsroom" = "kids room"). */
export function deviceIsInRoom(deviceId: string | null, room: string): boolean {
  if (deviceId === null) return false;
  const device = wordsOf(deviceId);
  const wanted = wordsOf(room).join('');
  if (wanted === '') return false;
  for (let start = 0; start < device.length; start++) {
    let joined = '';
    for (let end = start; end < device.length && joined.length < wanted.length; end++) {
      joined += device[end];
      if (joined === wanted) return true;
    }
  }
  return false;
}

/** "in the kitchen", "upstairs": where a room is, in a sentence. */
export const inRoom = (room: string): string =>
  room === 'upstairs' || room === 'downstairs' ? room : `in the ${room}`;

/** The same room said two ways: "Kid's room" and "kids room". */
export const sameRoom = (a: string, b: string): boolean => wordsOf(a).join(' ') === wordsOf(b).join(' ');
