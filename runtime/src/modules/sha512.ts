// SHA-512 (FIPS 180-4), which Python's random.seed() applies to str and bytes seeds. Written
// with BigInt for clarity: it only ever hashes a seed, and QuickJS has no crypto module.

const MASK = (1n << 64n) - 1n;

/** 64-bit words written in hexadecimal, separated by whitespace. */
function words(hex: string): bigint[] {
  return hex
    .trim()
    .split(/\s+/)
    .map((word) => BigInt(`0x${word}`));
}

const ROUND_CONSTANTS = words(`
  428a2f98d728ae22 7137449123ef65cd b5c0fbcfec4d3b2f e9b5dba58189dbbc 3956c25bf348b538 59f111f1b605d019
  923f82a4af194f9b ab1c5ed5da6d8118 d807aa98a3030242 12835b0145706fbe 243185be4ee4b28c 550c7dc3d5ffb4e2
  72be5d74f27b896f 80deb1fe3b1696b1 9bdc06a725c71235 c19bf174cf692694 e49b69c19ef14ad2 efbe4786384f25e3
  0fc19dc68b8cd5b5 240ca1cc77ac9c65 2de92c6f592b0275 4a7484aa6ea6e483 5cb0a9dcbd41fbd4 76f988da831153b5
  983e5152ee66dfab a831c66d2db43210 b00327c898fb213f bf597fc7beef0ee4 c6e00bf33da88fc2 d5a79147930aa725
  06ca6351e003826f 142929670a0e6e70 27b70a8546d22ffc 2e1b21385c26c926 4d2c6dfc5ac42aed 53380d139d95b3df
  650a73548baf63de 766a0abb3c77b2a8 81c2c92e47edaee6 92722c851482353b a2bfe8a14cf10364 a81a664bbc423001
  c24b8b70d0f89791 c76c51a30654be30 d192e819d6ef5218 d69906245565a910 f40e35855771202a 106aa07032bbd1b8
  19a4c116b8d2d0c8 1e376c085141ab53 2748774cdf8eeb99 34b0bcb5e19b48a8 391c0cb3c5c95a63 4ed8aa4ae3418acb
  5b9cca4f7763e373 682e6ff3d6b2b8a3 748f82ee5defb2fc 78a5636f43172f60 84c87814a1f0ab72 8cc702081a6439ec
  90befffa23631e28 a4506cebde82bde9 bef9a3f7b2c67915 c67178f2e372532b ca273eceea26619c d186b8c721c0c207
  eada7dd6cde0eb1e f57d4f7fee6ed178 06f067aa72176fba 0a637dc5a2c898a6 113f9804bef90dae 1b710b35131c471b
  28db77f523047d84 32caab7b40c72493 3c9ebe0a15c9bebc 431d67c49c100d4c 4cc5d4becb3e42b6 597f299cfc657e2a
  5fcb6fab3ad6faec 6c44198c4a475817
`);

const INITIAL_HASH = words(`
  6a09e667f3bcc908 bb67ae8584caa73b 3c6ef372fe94f82b a54ff53a5f1d36f1 510e527fade682d1 9b05688c2b3e6c1f
  1f83d9abfb41bd6b 5be0cd19137e2179
`);

function rotateRight(value: bigint, bits: bigint): bigint {
  return ((value >> bits) | (value << (64n - bits))) & MASK;
}

export function sha512(message: Uint8Array): Uint8Array {
  const bitLength = BigInt(message.length) * 8n;
  const paddedLength = Math.ceil((message.length + 17) / 128) * 128;
  const padded = new Uint8Array(paddedLength);
  padded.set(message);
  padded[message.length] = 0x80;
  for (let index = 0; index < 16; index++) {
    padded[paddedLength - 1 - index] = Number((bitLength >> BigInt(8 * index)) & 0xffn);
  }

  const hash = [...INITIAL_HASH];
  const schedule: bigint[] = new Array(80);
  for (let block = 0; block < paddedLength; block += 128) {
    for (let t = 0; t < 16; t++) {
      let word = 0n;
      for (let byte = 0; byte < 8; byte++) word = (word << 8n) | BigInt(padded[block + 8 * t + byte] as number);
      schedule[t] = word;
    }
    for (let t = 16; t < 80; t++) {
      const w15 = schedule[t - 15] as bigint;
      const w2 = schedule[t - 2] as bigint;
      const sigma0 = rotateRight(w15, 1n) ^ rotateRight(w15, 8n) ^ (w15 >> 7n);
      const sigma1 = rotateRight(w2, 19n) ^ rotateRight(w2, 61n) ^ (w2 >> 6n);
      schedule[t] = (sigma1 + (schedule[t - 7] as bigint) + sigma0 + (schedule[t - 16] as bigint)) & MASK;
    }
    let [a, b, c, d, e, f, g, h] = hash as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let t = 0; t < 80; t++) {
      const sum1 = rotateRight(e, 14n) ^ rotateRight(e, 18n) ^ rotateRight(e, 41n);
      const choose = (e & f) ^ (~e & MASK & g);
      const temp1 = (h + sum1 + choose + (ROUND_CONSTANTS[t] as bigint) + (schedule[t] as bigint)) & MASK;
      const sum0 = rotateRight(a, 28n) ^ rotateRight(a, 34n) ^ rotateRight(a, 39n);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const temp2 = (sum0 + majority) & MASK;
      h = g;
      g = f;
      f = e;
      e = (d + temp1) & MASK;
      d = c;
      c = b;
      b = a;
      a = (temp1 + temp2) & MASK;
    }
    const next = [a, b, c, d, e, f, g, h];
    for (let index = 0; index < 8; index++) hash[index] = ((hash[index] as bigint) + (next[index] as bigint)) & MASK;
  }

  const digest = new Uint8Array(64);
  hash.forEach((word, index) => {
    for (let byte = 0; byte < 8; byte++) digest[8 * index + byte] = Number((word >> BigInt(56 - 8 * byte)) & 0xffn);
  });
  return digest;
}
