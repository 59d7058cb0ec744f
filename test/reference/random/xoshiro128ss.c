/* Known-answer values for test/core/random/random-source.test.ts.
 *
 * xoshiro128** 1.1 as Blackman & Vigna specify it ("Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), 2021; the authors' reference is xoshiro128starstar.c at
 * prng.di.unimi.it): next() = rotl(s[1] * 5, 7) * 9, then the xorshift/rotate state update.
 * Written out here from that specification so the TypeScript generator is checked against C's
 * uint32_t arithmetic rather than against itself.
 *
 * Build and run: cc -O2 -o /tmp/x test/reference/random/xoshiro128ss.c && /tmp/x
 */
#include <stdint.h>
#include <stdio.h>

static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

static uint32_t s[4];

static uint32_t next(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

int main(void) {
  s[0] = 1; s[1] = 2; s[2] = 3; s[3] = 4;
  printf("state 1 2 3 4:");
  for (int i = 0; i < 8; i++) printf(" %u", next());
  printf("\nafter 1000 more:");
  for (int i = 0; i < 1000; i++) next();
  for (int i = 0; i < 4; i++) printf(" %u", next());
  s[0] = 0x9e3779b9u; s[1] = 0x243f6a88u; s[2] = 0xb7e15162u; s[3] = 0xdeadbeefu;
  printf("\nstate 9e3779b9 243f6a88 b7e15162 deadbeef:");
  for (int i = 0; i < 8; i++) printf(" %u", next());
  printf("\n");
  return 0;
}
