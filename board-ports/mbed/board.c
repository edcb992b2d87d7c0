/*
 * board.c - board.h on Mbed OS / Mbed CE, for the project `tflm project
 * --target mbed` writes: the debug log on Mbed's console (stdout, retargeted
 * to the board's USB serial port), the microsecond ticker of Mbed's HAL as the
 * timer, and Mbed's exit (it flushes stdout; a status other than 0 makes
 * mbed_die blink the board's LED). Mbed's start-up code calls main, so
 * board_init has nothing to do.
 */
#include <stdio.h>
#include <stdlib.h>

#include "hal/ticker_api.h"
#include "hal/us_ticker_api.h"

#include "board.h"

void board_init(void)
{
}

void board_debug_log(const char *text)
{
    fputs(text, stdout);
    fflush(stdout);
}

uint64_t board_ticks(void)
{
    return ticker_read_us(get_us_ticker_data());
}

uint32_t board_ticks_per_second(void)
{
    return 1000000u;
}

uint64_t board_time_us(void)
{
    return board_ticks();
}

void board_exit(int status)
{
    exit(status);
}
