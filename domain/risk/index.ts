/** Predictive no-show prevention: the seed's shift risk score, levels and intervention plan. */
export {
  calculateShiftRisk,
  interventionPlan,
  INTERVENE_ABOVE,
  RISK_EMOJI,
  riskLevel,
  type InterventionPlan,
  type InterventionStep,
  type RiskFactor,
  type RiskLevel,
  type RiskLine,
  type ShiftRisk,
  type ShiftRiskInput,
} from "./shift-risk.js";
export { isDayAfterPayday, isNearHoliday, usFederalHolidays, type PaySchedule } from "./calendar.js";
