/** The plot area shared by the meter charts and the status timeline under them, so their time axes line up. */
/** Width of the value axis at the left of every chart (px). */
export const PLOT_LEFT = 64;
/** Margin at the right of every chart (px). */
export const PLOT_RIGHT = 16;
