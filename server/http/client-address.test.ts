/**
 * The client's address behind n trusted proxies: the right-most X-Forwarded-For entry they did
 * not write (each proxy appends the address it received the request from).
 */
import { describe, expect, it } from 'vitest';
import { forwardedClient } from './client-address';

describe('forwardedClient', () => {
  it.each([
    { name: 'no proxy trusted: the header is ignored', xff: '203.0.113.9', hops: 0, expected: '10.0.0.2' },
    { name: 'one proxy, no header: the socket', xff: undefined, hops: 1, expected: '10.0.0.2' },
    { name: 'one proxy: the entry it appended', xff: '203.0.113.9', hops: 1, expected: '203.0.113.9' },
    {
      name: 'one proxy: a claimed address to the left is not believed',
      xff: '198.51.100.1, 203.0.113.9',
      hops: 1,
      expected: '203.0.113.9',
    },
    {
      name: 'two proxies: the entry the outer one appended',
      xff: '198.51.100.1, 203.0.113.9, 10.1.1.1',
      hops: 2,
      expected: '203.0.113.9',
    },
    { name: 'more hops than entries: the left-most', xff: '203.0.113.9', hops: 3, expected: '203.0.113.9' },
    { name: 'IPv6', xff: 'spoofed, 2001:db8::7', hops: 1, expected: '2001:db8::7' },
    { name: 'not an address: the socket instead', xff: '203.0.113.9, evil', hops: 1, expected: '10.0.0.2' },
    { name: 'empty entries are skipped', xff: '203.0.113.9, ,', hops: 1, expected: '203.0.113.9' },
  ])('$name', ({ xff, hops, expected }) => {
    expect(forwardedClient(xff, '10.0.0.2', hops)).toBe(expected);
  });
});
