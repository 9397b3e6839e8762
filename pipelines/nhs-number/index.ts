export { isValidNhsNumber, nhsCheckDigit, nhsNumberProblem } from './nhs-number.js';
export { checkPseudonymKey, hmacPads, pseudonymise } from './pseudonymise.js';
