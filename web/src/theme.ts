/**
 * The one Ant Design theme of the application. Ant Design's defaults fail WCAG 2.1 AA on white
 * (link blue 4.10:1, green tag 3.37:1, secondary grey 3.36:1, placeholders 1.83:1, white on the
 * danger red 3.26:1, focus outline 2.41:1); every colour here is chosen to reach 4.5:1 for text
 * (on white, on #fafafa table headers and on the light tag backgrounds) and 3:1 for borders and
 * focus rings. The ratios are in the comments; the axe sweep in test/browser checks them.
 */
import type { ThemeConfig } from 'antd';

/** The board's red: 6.57:1 on white; white on it 6.57:1. */
export const BRAND_RED = '#b71c1c';
/** A deducted score in the ranking: 5.62:1 on white, 5.3:1 on the "differs" highlight. */
export const DEDUCTED_RED = '#c62828';

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_RED,
    borderRadius: 4,
    // Links stay blue, so they are not taken for the red marks of a deduction: 8.23:1.
    colorLink: '#0047b3',
    colorInfo: '#0958d9',
    colorError: DEDUCTED_RED,
    colorErrorText: DEDUCTED_RED,
    colorSuccess: '#237804',
    colorSuccessText: '#237804',
    colorWarning: '#ad6800',
    colorWarningText: '#874d00',
    colorInfoText: '#0958d9',
    // Secondary text, descriptions and icons: 6.1:1 on white (antd: 3.36:1).
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    colorIcon: 'rgba(0, 0, 0, 0.62)',
    // The focus ring is the brand red instead of its 3rd tint: 6.57:1 instead of 2.41:1.
    colorPrimaryBorder: BRAND_RED,
    lineWidthFocus: 2,
    // Form control borders are components: 3:1 at least against white.
    colorBorder: '#8c8c8c',
    linkDecoration: 'underline',
    // Tag text is the 7th shade of a palette on its 1st: the palettes grow from darker seeds so
    // that pair reaches 4.5:1 (antd's green 3.37:1, orange 3.33:1, gold 2.75:1).
    green: '#237804',
    orange: '#ad4e00',
    gold: '#ad6800',
    volcano: '#ad2102',
    cyan: '#006d75',
    lime: '#3f6600',
    magenta: '#9e1068',
  },
  components: {
    // An empty table says so in the disabled grey (1.83:1); it is information, not a control.
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.62)' },
  },
};
