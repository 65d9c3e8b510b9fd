// Money as integer minor units: parsing what PayPal and people write, formatting, and the form's limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/http/errors.js';
import { checkFormAmount, exponent, formatMoney, maxDonation, parseAmount, toDecimal } from './money.js';

test('the exponent table: JPY none, EUR two, KWD three', () => {
  assert.equal(exponent('JPY'), 0);
  assert.equal(exponent('KRW'), 0);
  assert.equal(exponent('EUR'), 2);
  assert.equal(exponent('KWD'), 3);
});

test('decimal text to minor units, exactly', () => {
  assert.equal(parseAmount('12.50', 'EUR'), 1250);
  assert.equal(parseAmount('12.5', 'EUR'), 1250);
  assert.equal(parseAmount('0.07', 'EUR'), 7);
  assert.equal(parseAmount('1000', 'JPY'), 1000);
  assert.equal(parseAmount('1000.00', 'JPY'), 1000, 'trailing zeros past the exponent are harmless');
  assert.equal(parseAmount('1000.50', 'JPY'), null);
  assert.equal(parseAmount('1.234', 'KWD'), 1234);
  assert.equal(parseAmount('1.234', 'EUR'), null);
  assert.equal(parseAmount('0.1', 'EUR'), 10);
  assert.equal(parseAmount('19.99', 'USD'), 1999, 'no float rounding (19.99 * 100 = 1998.9999…)');
  for (const bad of ['', '-1', '1e3', '12,50', ' ', 'NaN', '1.', '.5', '99999999999999999']) assert.equal(parseAmount(bad, 'EUR'), null, bad);
});

test('minor units to text and for people', () => {
  assert.equal(toDecimal(1250, 'EUR'), '12.50');
  assert.equal(toDecimal(5, 'EUR'), '0.05');
  assert.equal(toDecimal(1000, 'JPY'), '1000');
  assert.equal(toDecimal(1234, 'KWD'), '1.234');
  assert.equal(formatMoney(123456, 'EUR'), '€1,234.56');
  assert.equal(formatMoney(1000, 'JPY'), '¥1,000');
  assert.equal(formatMoney(2500, 'USD'), '$25.00');
});

test('the form: zero, negative, absurd and malformed amounts get a clear error naming the field', () => {
  const refused = (text: string, currency = 'EUR') => {
    try {
      checkFormAmount(text, currency);
    } catch (err) {
      assert.ok(err instanceof AppError);
      assert.equal(err.status, 400);
      assert.equal(err.field, 'amount');
      return err.message;
    }
    assert.fail(`${text} ${currency} was taken`);
  };
  assert.match(refused('0'), /more than zero/);
  assert.match(refused('0.00'), /more than zero/);
  assert.match(refused('-5'), /more than zero/);
  assert.match(refused('- 5'), /more than zero/);
  assert.match(refused(''), /Enter an amount/);
  assert.match(refused('100000.01'), /The most we take in one donation is €100,000\.00/);
  assert.match(refused('1e9'), /at most 2 digits after the point/);
  assert.match(refused('ten'), /such as 10\.00/);
  assert.match(refused('10.5', 'JPY'), /whole number of JPY/);
  assert.match(refused('99999999999999999999'), /at most 2 digits|The most we take/);
  assert.equal(checkFormAmount('25', 'EUR'), 2500);
  assert.equal(checkFormAmount(' 1,000.50 ', 'USD'), 100050);
  assert.equal(checkFormAmount('3000', 'JPY'), 3000);
  assert.equal(checkFormAmount('100000', 'EUR'), maxDonation('EUR'));
});
