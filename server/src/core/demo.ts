/**
 * The district a first start fills with synthetic demo data (雨花台区, the seed's own), and the seed every module's
 * generator draws from so that the same start gives the same demo.
 */
export const DEMO_DISTRICT = '320114';
export const DEMO_SEED = 'shanzhi-demo-2026';
