/* status.c - tflm_status_name and tflm_version of tflm.h. */
#include "tflm/tflm.h"

/* One string of NUL-separated names in status order: no pointer table. */
static const char status_names[] = "ok\0"
                                   "invalid argument\0"
                                   "malformed model\0"
                                   "unsupported\0"
                                   "arena too small\0"
                                   "kernel error\0"
                                   "resolver full\0"
                                   "stopped early\0"
                                   "unknown status";

const char *tflm_status_name(tflm_status status)
{
    const char *name = status_names;
    for (uint32_t i = 0; i < (uint32_t)status && i <= TFLM_STOPPED_EARLY; i++) {
        while (*name++ != '\0') {
        }
    }
    return name;
}

const char *tflm_version(void)
{
    return "0.1.0";
}
