/* status.c - tflm_status_name and tflm_version of tflm.h. */
#include "tflm/tflm.h"

const char *tflm_status_name(tflm_status status)
{
    switch (status) {
    case TFLM_OK:
        return "ok";
    case TFLM_ERROR_INVALID_ARGUMENT:
        return "invalid argument";
    case TFLM_ERROR_MALFORMED_MODEL:
        return "malformed model";
    case TFLM_ERROR_UNSUPPORTED:
        return "unsupported";
    case TFLM_ERROR_ARENA_TOO_SMALL:
        return "arena too small";
    case TFLM_ERROR_KERNEL:
        return "kernel error";
    }
    return "unknown status";
}

const char *tflm_version(void)
{
    return "0.1.0";
}
