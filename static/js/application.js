// Starts GOV.UK Frontend's components (error summary focus, header menu, double-click prevention).
import { initAll } from "../build/govuk-frontend.min.js";

initAll();
