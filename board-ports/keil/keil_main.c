/*
 * keil_main.c - board.h's start and end in a µVision project (`tflm project
 * --target keil`). There the device pack's start-up code runs (Reset_Handler,
 * SystemInit, which also enables the FPU, then the C library's __main), not
 * common/cortex_m_startup.c, and __main calls main directly. armlink's
 * $Sub$$main/$Super$$main wrap the example's main with board_init and
 * board_exit, as cortex_m_startup.c does in GCC builds; the weak board_init
 * serves the boards that need none (the MPS2/MPS3 boards).
 */
#include "board.h"

int $Super$$main(void);
int $Sub$$main(void);

__attribute__((weak)) void board_init(void)
{
}

int $Sub$$main(void)
{
    board_init();
    board_exit($Super$$main());
}
