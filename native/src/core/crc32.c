/* crc32.c - tflm_crc32 (tflm/verified_models.h): the checksum by which a
 * TFLM_VERIFY=build-time board knows a model the build machine verified.
 * A file of its own: the host tool tflm_model_check links only this. */
#include "tflm/verified_models.h"

uint32_t tflm_crc32(const void *data, size_t size)
{
    /* Four bits at a time: a 64-byte table, two steps per byte. Entry n is
     * the remainder of n shifted through four rounds of the polynomial. */
    static const uint32_t nibble[16] = {
        0x00000000u, 0x1DB71064u, 0x3B6E20C8u, 0x26D930ACu, 0x76DC4190u, 0x6B6B51F4u,
        0x4DB26158u, 0x5005713Cu, 0xEDB88320u, 0xF00F9344u, 0xD6D6A3E8u, 0xCB61B38Cu,
        0x9B64C2B0u, 0x86D3D2D4u, 0xA00AE278u, 0xBDBDF21Cu,
    };
    const uint8_t *p = data;
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < size; i++) {
        crc ^= p[i];
        crc = (crc >> 4) ^ nibble[crc & 15u];
        crc = (crc >> 4) ^ nibble[crc & 15u];
    }
    return ~crc;
}
