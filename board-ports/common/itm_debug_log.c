/*
 * itm_debug_log.c - debug log through the Cortex-M3/M4/M7 ITM, stimulus
 * port 0, read with a debug probe's SWO viewer (e.g. `openocd ... itm
 * port 0 on`). The probe enables tracing (DEMCR.TRCENA, TPIU); without one
 * the port is disabled and characters are dropped instead of blocking.
 */
#include <stdint.h>

#include "board.h"

#define ITM_STIM0 (*(volatile uint32_t *)0xE0000000u)
#define ITM_TER (*(volatile uint32_t *)0xE0000E00u)
#define ITM_TCR (*(volatile uint32_t *)0xE0000E80u)
#define DEMCR (*(volatile uint32_t *)0xE000EDFCu)
#define DEMCR_TRCENA (1u << 24)
#define ITM_TCR_ITMENA 1u

void board_debug_log(const char *text)
{
    if (!(DEMCR & DEMCR_TRCENA) || !(ITM_TCR & ITM_TCR_ITMENA) || !(ITM_TER & 1u)) {
        return;
    }
    for (; *text; ++text) {
        while (ITM_STIM0 == 0) { /* FIFO full */
        }
        *(volatile uint8_t *)&ITM_STIM0 = (uint8_t)*text;
    }
}
