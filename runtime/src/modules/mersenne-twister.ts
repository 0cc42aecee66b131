// MT19937, the generator behind Python's random module, ported from CPython's
// Modules/_randommodule.c (Matsumoto and Nishimura's reference code) so that the same seed
// gives the same 32-bit words as CPython.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MersenneTwister {
  private readonly state = new Uint32Array(N);
  private index = N + 1;

  /** init_by_array: seeds from 32-bit words, least significant first. */
  seedWords(key: readonly number[]): void {
    const state = this.state;
    this.seedInteger(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const previous = state[i - 1] as number;
      state[i] = ((state[i] as number) ^ Math.imul(previous ^ (previous >>> 30), 1664525)) + (key[j] as number) + j;
      i++;
      j++;
      if (i >= N) {
        state[0] = state[N - 1] as number;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const previous = state[i - 1] as number;
      state[i] = ((state[i] as number) ^ Math.imul(previous ^ (previous >>> 30), 1566083941)) - i;
      i++;
      if (i >= N) {
        state[0] = state[N - 1] as number;
        i = 1;
      }
    }
    state[0] = 0x80000000;
  }

  /** genrand_uint32: the next 32-bit word. */
  next32(): number {
    const state = this.state;
    if (this.index >= N) {
      let kk = 0;
      for (; kk < N - M; kk++) {
        const y = ((state[kk] as number) & UPPER_MASK) | ((state[kk + 1] as number) & LOWER_MASK);
        state[kk] = (state[kk + M] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      for (; kk < N - 1; kk++) {
        const y = ((state[kk] as number) & UPPER_MASK) | ((state[kk + 1] as number) & LOWER_MASK);
        state[kk] = (state[kk + (M - N)] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      const y = ((state[N - 1] as number) & UPPER_MASK) | ((state[0] as number) & LOWER_MASK);
      state[N - 1] = (state[M - 1] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      this.index = 0;
    }
    let y = state[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** random_random: a double in [0, 1) from 53 random bits. */
  nextDouble(): number {
    const high = this.next32() >>> 5;
    const low = this.next32() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** init_genrand. */
  private seedInteger(seed: number): void {
    const state = this.state;
    state[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const previous = state[i - 1] as number;
      state[i] = Math.imul(1812433253, previous ^ (previous >>> 30)) + i;
    }
    this.index = N;
  }
}
