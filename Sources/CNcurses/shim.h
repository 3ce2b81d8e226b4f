#ifndef STORYREEL_NCURSES_SHIM_H
#define STORYREEL_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

// getmaxyx is a macro that assigns to its arguments; Swift cannot call it.
static inline int storyreel_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int storyreel_getmaxx(WINDOW *w) { return getmaxx(w); }
// COLOR_PAIR is a macro building an attribute from a pair number.
static inline int storyreel_color_pair(int n) { return (int)COLOR_PAIR(n); }
// The A_* attribute constants are macros over NCURSES_BITS.
static inline int storyreel_a_bold(void) { return (int)A_BOLD; }
static inline int storyreel_a_reverse(void) { return (int)A_REVERSE; }
// stdscr is a macro over a function on some builds.
static inline WINDOW *storyreel_stdscr(void) { return stdscr; }
// COLORS is a global variable, which Swift 6 treats as unsafe shared state.
static inline int storyreel_colors(void) { return COLORS; }
// KEY_* are macros.
static inline int storyreel_key_resize(void) { return KEY_RESIZE; }
static inline int storyreel_key_up(void) { return KEY_UP; }
static inline int storyreel_key_down(void) { return KEY_DOWN; }
static inline int storyreel_key_left(void) { return KEY_LEFT; }
static inline int storyreel_key_right(void) { return KEY_RIGHT; }
static inline int storyreel_key_home(void) { return KEY_HOME; }
static inline int storyreel_key_end(void) { return KEY_END; }
static inline int storyreel_key_backspace(void) { return KEY_BACKSPACE; }
static inline int storyreel_key_dc(void) { return KEY_DC; }
static inline int storyreel_key_enter(void) { return KEY_ENTER; }
#endif
