/*
 * halt_exit.c - board_exit for real boards: report the status on the debug
 * log, then sleep forever (there is nothing to return to).
 */
#include "board.h"

void board_exit(int status)
{
    board_debug_log(status == 0 ? "exit 0\n" : "exit failure\n");
    for (;;) {
        __asm__ volatile("wfi");
    }
}
