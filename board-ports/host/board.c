/* board.c - the host "board": debug log on stdout, the monotonic clock as
 * the microsecond timer, exit() as board_exit. */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "board.h"

void board_init(void)
{
}

void board_debug_log(const char *text)
{
    fputs(text, stdout);
}

uint64_t board_ticks(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

uint32_t board_ticks_per_second(void)
{
    return 1000000000u;
}

uint64_t board_time_us(void)
{
    return board_ticks() / 1000u;
}

void board_exit(int status)
{
    fflush(stdout);
    exit(status);
}
