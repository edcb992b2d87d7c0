/* fft_factor.c - fft_kiss.h's fft_factor: kiss_fft's kf_factor. */
#include "fft_kiss.h"

bool fft_factor(int32_t n, int32_t *stages)
{
    if (n < 2) {
        return false; /* n = 1 would take kiss_fft's generic radix */
    }
    int32_t floor_sqrt = 0;
    while ((int64_t)(floor_sqrt + 1) * (floor_sqrt + 1) <= n) {
        floor_sqrt++;
    }
    int32_t p = 4;
    int count = 0;
    do {
        while (n % p) {
            p = p == 4 ? 2 : p == 2 ? 3 : p + 2;
            if (p > floor_sqrt) {
                p = n; /* no factor left below the square root */
            }
        }
        if (p > 5 || count == FFT_MAX_STAGES) {
            return false;
        }
        n /= p;
        stages[2 * count] = p;
        stages[2 * count + 1] = n;
        count++;
    } while (n > 1);
    return true;
}
