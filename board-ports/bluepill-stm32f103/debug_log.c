/*
 * debug_log.c - Blue Pill: board_init sets up USART1 TX on PA9 (alternate
 * function push-pull) at 115200 baud from the 8 MHz HSI; board_debug_log
 * writes to it, polling TXE. Register addresses from the STM32F10x
 * reference manual (RM0008).
 */
#include <stdint.h>

#include "board.h"

#define REG(address) (*(volatile uint32_t *)(address))
#define RCC_APB2ENR REG(0x40021018u)
#define GPIOA_CRH REG(0x40010804u)
#define USART1_SR REG(0x40013800u)
#define USART1_DR REG(0x40013804u)
#define USART1_BRR REG(0x40013808u)
#define USART1_CR1 REG(0x4001380Cu)

#define RCC_APB2ENR_AFIOEN (1u << 0)
#define RCC_APB2ENR_IOPAEN (1u << 2)
#define RCC_APB2ENR_USART1EN (1u << 14)
#define USART_SR_TXE (1u << 7)
#define USART_CR1_TE (1u << 3)
#define USART_CR1_UE (1u << 13)
#define HSI_HZ 8000000u
#define BAUD 115200u

void board_init(void)
{
    RCC_APB2ENR |= RCC_APB2ENR_AFIOEN | RCC_APB2ENR_IOPAEN | RCC_APB2ENR_USART1EN;
    (void)RCC_APB2ENR;
    /* PA9: MODE 11 (output, 50 MHz), CNF 10 (alternate function push-pull). */
    GPIOA_CRH = (GPIOA_CRH & ~(0xFu << 4)) | (0xBu << 4);
    USART1_BRR = (HSI_HZ + BAUD / 2) / BAUD;
    USART1_CR1 = USART_CR1_UE | USART_CR1_TE;
}

void board_debug_log(const char *text)
{
    for (; *text; ++text) {
        if (*text == '\n') {
            while (!(USART1_SR & USART_SR_TXE)) {
            }
            USART1_DR = '\r';
        }
        while (!(USART1_SR & USART_SR_TXE)) {
        }
        USART1_DR = (uint8_t)*text;
    }
}
