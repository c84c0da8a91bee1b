import { describe, expect, it } from 'vitest';
import { describeMoney, formatMoney } from '../../packages/client/src/cli/commands/admin-insights-money.js';
import { moneySample } from '../browser/support/insights-money-sample.js';

// `hark admin insights` prints the money sections of the report; the sample satisfies the contract
// (test/browser/insights-money-sample.test.ts), and every figure below is read off it by hand.
const text = describeMoney(moneySample).join('\n\n');
const line = (start: RegExp) => text.split('\n').find((each) => start.test(each)) ?? '';
const cells = (start: RegExp) => line(start).trim().split(/ {2,}/);

describe('the money sections of hark admin insights', () => {
  it('formats minor units in their own currency, never converted', () => {
    expect(formatMoney(11_500, 'usd')).toBe('115.00 USD');
    expect(formatMoney(450, 'eur')).toBe('4.50 EUR');
    expect(formatMoney(1_000, 'jpy')).toBe('1000 JPY');
    expect(formatMoney(null, 'usd')).toBe('-');
  });

  it('prints collected revenue per month, plan and currency, net of refunds', () => {
    expect(text).toMatch(/^collected revenue \(Stripe, net of refunds, per currency\):$/m);
    expect(cells(/^2026-11 +premium +24 /)).toEqual([
      '2026-11',
      'premium',
      '24',
      '120.00 USD',
      '1',
      '5.00 USD',
      '115.00 USD',
    ]);
    expect(cells(/^2026-11 +premium +1 /)).toEqual([
      '2026-11',
      'premium',
      '1',
      '4.50 EUR',
      '0',
      '0.00 EUR',
      '4.50 EUR',
    ]);
  });

  it('prints MRR with its movements, customers, churn, ARPPU and LTV', () => {
    expect(line(/^MONTH +MRR START/)).toMatch(
      /^MONTH +MRR START +NEW +EXPANSION +REACTIVATION +CONTRACTION +CHURNED +MRR END +CUSTOMERS +CHURN +NET REV CHURN +ARPPU +LTV$/,
    );
    expect(cells(/^2026-11\* +100\.00 USD/)).toEqual([
      '2026-11*',
      '100.00 USD',
      '15.00 USD',
      '5.00 USD',
      '5.00 USD',
      '-3.00 USD',
      '-10.00 USD',
      '112.00 USD',
      '20->22',
      '10%',
      '3%',
      '5.09 USD',
      '50.90 USD',
    ]);
    expect(cells(/^2026-11\* +0\.00 EUR/)).toContain('-');
  });

  it('prints margin per plan with LLM cost per user and the budget guard beside it', () => {
    expect(cells(/^2026-11\* +premium/)).toEqual([
      '2026-11*',
      'premium',
      '$5.00',
      '$115.00 (+eur)',
      '$30.00',
      '$85.00',
      '73.9%',
      '$1.20',
      '$1.60',
      '-',
      '4/1',
    ]);
    expect(cells(/^2026-11\* +free/)).toEqual([
      '2026-11*',
      'free',
      'free',
      '$0.00',
      '$0.39',
      '-$0.39',
      '-',
      '-',
      '-',
      '$0.02',
      '-',
    ]);
  });

  it('prints the funnel with abandoned checkouts and grants apart', () => {
    expect(line(/^ +paid within 7 days/)).toMatch(/^ +paid within 7 days +3 \(25%\)$/);
    expect(line(/^ +paid within 30 days/)).toMatch(/^ +paid within 30 days +4 \(33\.3%\)$/);
    expect(line(/^ +abandoned/)).toMatch(/ 2$/);
    expect(line(/^ +granted by an operator/)).toMatch(/ 2$/);
    expect(line(/^ +checkouts in range/)).toMatch(/8 started, 5 completed, 2 expired, 1 open$/);
  });

  it('prints customers by class, and the smart-timer question', () => {
    expect(cells(/^2026-11 +21 /)).toEqual(['2026-11', '21', '0', '3', '26', '1', '0/1/1/0', '3', '1']);
    expect(text).toContain(
      'smart timer? 17 of 51 active users (33.3%) only used timers and alarms, 4 of them paying; 9 of 40 LLM tool calls went to free skills',
    );
    expect(text).toContain('tool calls: web_search 22, calendar.read 9, timer.start 6, weather.current 3');
  });

  it('prints nothing for a server that sends no money sections', () => {
    expect(describeMoney({})).toEqual([]);
  });
});
