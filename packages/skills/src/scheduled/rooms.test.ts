import { describe, expect, it } from 'vitest';
import { deviceIsInRoom, inRoom, sameRoom } from './rooms.js';

describe('deviceIsInRoom', () => {
  it.each([
    ['kitchen', 'kitchen'],
    ['kitchen-speaker', 'kitchen'],
    ['Kitchen Echo', 'kitchen'],
    ['kids-room-dot', 'kids room'],
    ['KidsRoom', 'kids room'],
    ['kidsroom', 'kids room'],
    ['master_bedroom_2', 'bedroom'],
    ["Emma's Room", 'emmas room'],
  ])('%s is in the %s', (deviceId, room) => {
    expect(deviceIsInRoom(deviceId, room)).toBe(true);
  });

  it.each([
    ['garden-speaker', 'den'],
    ['kitchenette', 'kitchen'],
    ['living-room', 'kids room'],
    [null, 'kitchen'],
  ])('%s is not in the %s', (deviceId, room) => {
    expect(deviceIsInRoom(deviceId, room)).toBe(false);
  });

  it('compares rooms said two ways, and says where they are', () => {
    expect(sameRoom("Kid's room", 'kids room')).toBe(true);
    expect(sameRoom('bedroom', 'master bedroom')).toBe(false);
    expect(inRoom('kitchen')).toBe('in the kitchen');
    expect(inRoom('upstairs')).toBe('upstairs');
  });
});
