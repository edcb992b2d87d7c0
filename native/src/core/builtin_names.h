/*
 * builtin_names.h - names of the schema's BuiltinOperator codes, for
 * messages ("no kernel registered for CONV_2D").
 *
 * The table (builtin_names.c, generated from the schema with
 * tflm/builtin_codes.h by tools/schema/generate.sh) is 2.6 KB, a quarter of the
 * interpreter's own code, so it is only built with TFLM_BUILTIN_NAMES (CMake
 * option, on for host builds). Without it every name is NULL and messages
 * give the code ("builtin code 28"); registered kernels are still named by
 * their own tflm_kernel.name.
 */
#ifndef TFLM_CORE_BUILTIN_NAMES_H
#define TFLM_CORE_BUILTIN_NAMES_H

#include <stdint.h>

/* The name of a builtin code, or NULL for codes the schema does not
 * define. */
#ifdef TFLM_BUILTIN_NAMES
const char *tflm_builtin_name(int32_t code);
#else
static inline const char *tflm_builtin_name(int32_t code)
{
    (void)code;
    return 0;
}
#endif

#endif /* TFLM_CORE_BUILTIN_NAMES_H */
