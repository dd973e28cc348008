import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, crc32, createGunzip, deflateRawSync, gzipSync } from 'node:zlib';
import { RejectedInputError } from '../../lambdas/core/errors';
import { defaultNormalizeConfig, normalizeObject } from '../../lambdas/core/normalize';

const MiB = 1024 * 1024;
const INFLATED = 1024 * MiB;

/**
 * A valid gzip of 1 GiB of zeros, made without deflating 1 GiB: the deflate stream of 1 MiB of
 * zeros, flushed so that it stands alone (Z_FULL_FLUSH: byte-aligned, no back-references into
 * the copy before), repeated 1,024 times, then a final empty block, the CRC-32 and the length.
 * Deflate inflates at most ~1,032 times, so a 1 GiB bomb is ~1 MB; a bomb of a few KB is a gzip
 * of such a gzip (below).
 */
function gzipBomb(): Buffer {
  const zeros = Buffer.alloc(MiB);
  const block = deflateRawSync(zeros, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const last = deflateRawSync(Buffer.alloc(0)); // a final, empty block
  let crc = 0;
  for (let i = 0; i < INFLATED / MiB; i += 1) crc = crc32(zeros, crc);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(INFLATED % 2 ** 32, 4);
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03]);
  return Buffer.concat([header, ...Array<Buffer>(INFLATED / MiB).fill(block), last, trailer]);
}

describe('gzip bombs: decompression stops at the size limit', () => {
  const bomb = gzipBomb();

  it('the bomb is a real one: ~1 MB that gunzip inflates to 1 GiB (streamed here, CRC checked)', async () => {
    expect(bomb.length).toBeLessThan(1.1 * MiB);
    let inflated = 0;
    await pipeline(Readable.from([bomb]), createGunzip(), new Writable({
      write(chunk: Buffer, _encoding, done) {
        inflated += chunk.length;
        done();
      },
    }));
    expect(inflated).toBe(INFLATED);
  });

  it('rejects it for size, in well under 5 s, with little memory', () => {
    const peakBefore = process.resourceUsage().maxRSS; // KiB
    const start = performance.now();
    let error: unknown;
    try {
      normalizeObject({ key: 'incoming/x/bomb.txt.gz', body: bomb, metadata: {} });
    } catch (caught) {
      error = caught;
    }
    const ms = performance.now() - start;
    const peakGrowthMiB = (process.resourceUsage().maxRSS - peakBefore) / 1024;
    console.log(`1 MB gzip of 1 GiB rejected in ${ms.toFixed(0)} ms; peak memory grew ${peakGrowthMiB.toFixed(0)} MiB`);
    expect(error).toBeInstanceOf(RejectedInputError);
    expect((error as Error).message).toBe(`too large: more than ${defaultNormalizeConfig.maxObjectBytes} bytes once decompressed`);
    expect(ms).toBeLessThan(5000);
    // Inflated whole it would need 1 GiB; capped, the limit (5 MB) and zlib's buffers.
    expect(peakGrowthMiB).toBeLessThan(100);
  });

  it('rejects a gzip of the bomb (a few KB) without decompressing the inner gzip', () => {
    const twice = gzipSync(bomb, { level: 9 });
    expect(twice.length).toBeLessThan(16 * 1024);
    const start = performance.now();
    expect(() => normalizeObject({ key: 'incoming/x/bomb.txt.gz.gz', body: twice, metadata: {} }))
      .toThrow('binary content (a gzip inside the gzip, which is decompressed once), not a text document');
    expect(performance.now() - start).toBeLessThan(5000);
  });
});
