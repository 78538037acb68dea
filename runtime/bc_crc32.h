/*
 * bc_crc32.h - CRC-32 (IEEE 802.3, the one zlib and PNG use) of the bytes
 * after a .indb header (docs/bytecode.md).
 */
#ifndef INDRT_BC_CRC32_H
#define INDRT_BC_CRC32_H

#include <stddef.h>
#include <stdint.h>

/*
 * The CRC of data[0..len) continuing from crc, the CRC of what came before
 * (0 to start): bc_crc32(bc_crc32(0, a, n), b, m) is the CRC of a then b.
 * bc_crc32(0, "123456789", 9) is 0xCBF43926.
 */
uint32_t bc_crc32(uint32_t crc, const void *data, size_t len);

#endif
