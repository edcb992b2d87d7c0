/*
 * debug_log.c - Apollo3 Blue EVB: board_init powers UART0, routes its TX to
 * pad 48 and sets 115200 8N1 from the UART's 24 MHz clock; board_debug_log
 * writes to it, polling the TX FIFO's full flag. Register layout from the
 * Apollo3 Blue datasheet (GPIO, PWRCTRL and the PL011-style UART).
 */
#include <stdint.h>

#include "board.h"

#define REG(address) (*(volatile uint32_t *)(address))
#define PWRCTRL_DEVPWREN REG(0x40021008u)
#define GPIO_PADREGM REG(0x40010030u)    /* pads 48-51, 8 bits each */
#define GPIO_PADKEY REG(0x40010060u)
#define UART0_DR REG(0x4001C000u)
#define UART0_FR REG(0x4001C018u)
#define UART0_IBRD REG(0x4001C024u)
#define UART0_FBRD REG(0x4001C028u)
#define UART0_LCRH REG(0x4001C02Cu)
#define UART0_CR REG(0x4001C030u)

#define DEVPWREN_PWRUART0 (1u << 7)
#define PADKEY_UNLOCK 0x73u
#define PAD48_FNCSEL_MASK (7u << 3) /* 0 = UART0TX */
#define UART_FR_TXFF (1u << 5)
#define UART_LCRH_WLEN8_FEN ((3u << 5) | (1u << 4))
#define UART_CR_UARTEN (1u << 0)
#define UART_CR_CLKEN (1u << 3)
#define UART_CR_CLKSEL_24MHZ (1u << 4)
#define UART_CR_TXE (1u << 8)

void board_init(void)
{
    PWRCTRL_DEVPWREN |= DEVPWREN_PWRUART0;
    for (volatile int settle = 0; settle < 1000; ++settle) {
    }
    GPIO_PADKEY = PADKEY_UNLOCK;
    GPIO_PADREGM &= ~PAD48_FNCSEL_MASK;
    GPIO_PADKEY = 0;

    UART0_CR = UART_CR_CLKEN | UART_CR_CLKSEL_24MHZ;
    /* 24 MHz / (16 * 115200) = 13.02: integer 13, fraction round(0.02 * 64) = 1. */
    UART0_IBRD = 13;
    UART0_FBRD = 1;
    UART0_LCRH = UART_LCRH_WLEN8_FEN;
    UART0_CR = UART_CR_CLKEN | UART_CR_CLKSEL_24MHZ | UART_CR_UARTEN | UART_CR_TXE;
}

static void put(char c)
{
    while (UART0_FR & UART_FR_TXFF) {
    }
    UART0_DR = (uint8_t)c;
}

void board_debug_log(const char *text)
{
    for (; *text; ++text) {
        if (*text == '\n') {
            put('\r');
        }
        put(*text);
    }
}
