/* verified_model.c - the board's side of TFLM_VERIFY=build-time (see
 * tflm/verified_models.h): the model must be one the build verified. */
#include "core/model_verifier.h"

#include "core/format.h"
#include "tflm/verified_models.h"

tflm_status tflm_check_verified_model(const void *model, size_t size, char *message)
{
    const uint32_t crc = tflm_crc32(model, size);
    for (uint32_t i = 0; i < tflm_verified_model_count; i++) {
        if (tflm_verified_models[i].bytes == size && tflm_verified_models[i].crc32 == crc) {
            return TFLM_OK;
        }
    }
    tflm_format(message, TFLM_ERROR_MESSAGE_CAPACITY, 0,
                "model: %z bytes, CRC-32 %u: not one of the models verified when this firmware "
                "was built (TFLM_VERIFY=build-time)",
                size, crc);
    return TFLM_ERROR_MALFORMED_MODEL;
}
