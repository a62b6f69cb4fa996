"""Reference values for CampaignPower (statsmodels 0.13.5, scipy 1.10.1, pandas; Debian's /usr/bin/python3).
Run: /usr/bin/python3 tests/reference/evaluation/campaign_power.py > tests/reference/evaluation/campaign_power.json

Treatment is sample 1 (nobs1 = n_T), control sample 2 (statsmodels' ratio = n_C / n_T); k = n_T / n_C.
- proportions: statsmodels.stats.proportion.power_proportions_2indep (pooled SE under H0, unpooled under H1; two-sided counts
  both rejection regions); one-sided also checked against samplesize_proportions_2indep_onetail's closed form.
- means, pooled: statsmodels TTestIndPower (effect size d / sigma, df = n_T + n_C - 2); sizes also by tt_ind_solve_power.
- means, Welch: scipy.stats.nct with the Welch-Satterthwaite df (no statsmodels function plans for Welch's test).
Sizes and minimum detectable effects are solved here with scipy's brentq (xtol 1e-13) on those power functions, so the
reference is exact to ~1e-10 before rounding; statsmodels' own solvers (looser tolerances) are printed beside them as a check.
"""
import json
import math
import warnings
import numpy as np
import pandas as pd
from scipy import stats, optimize
from statsmodels.stats.proportion import power_proportions_2indep, samplesize_proportions_2indep_onetail
from statsmodels.stats.power import TTestIndPower, tt_ind_solve_power


def alt(one_sided):
    return "larger" if one_sided else "two-sided"


def prop_power(pc, d, nt, nc, alpha, one_sided):
    return float(power_proportions_2indep(d, pc, nt, ratio=nc / nt, alpha=alpha, alternative=alt(one_sided), return_results=False))


def t_power(d, sd_c, sd_t, nt, nc, alpha, one_sided, pooled):
    if pooled:
        return float(TTestIndPower().power(effect_size=d / sd_c, nobs1=nt, alpha=alpha, ratio=nc / nt, alternative=alt(one_sided)))
    vt, vc = sd_t ** 2 / nt, sd_c ** 2 / nc
    se = math.sqrt(vt + vc)
    df = (vt + vc) ** 2 / (vt ** 2 / (nt - 1) + vc ** 2 / (nc - 1))
    delta = d / se
    a = alpha if one_sided else alpha / 2
    crit = stats.t.isf(a, df)
    p = stats.nct.sf(crit, df, delta)
    if not one_sided:
        p += stats.nct.cdf(-crit, df, delta)
    return float(p)


def bracket(f, target, lo, hi):
    """Doubles hi until f(hi) >= target (keeps the noncentral t away from the huge noncentralities where scipy returns nan)."""
    while f(hi) < target:
        lo, hi = hi, 2 * hi
    return lo, hi


def solve_control(power_of_nc, target, lo):
    lo, hi = bracket(power_of_nc, target, lo, max(1.0, 2 * lo))
    return optimize.brentq(lambda nc: power_of_nc(nc) - target, lo, hi, xtol=1e-13, rtol=1e-15, maxiter=500)


def solve_effect(power_of_d, target, hi):
    if power_of_d(hi) >= target:
        return optimize.brentq(lambda d: power_of_d(d) - target, 1e-12, hi, xtol=1e-15, rtol=1e-15, maxiter=500)
    return None


proportion_cases = [
    # baseline, lift, alpha, power, k = n_T / n_C, one-sided
    (0.10, 0.02, 0.05, 0.80, 1.0, False),
    (0.10, 0.02, 0.05, 0.80, 1.0, True),
    (0.02, 0.002, 0.05, 0.80, 9.0, False),
    (0.02, 0.005, 0.01, 0.90, 4.0, True),
    (0.30, 0.05, 0.10, 0.80, 0.5, False),
    (0.50, 0.10, 0.05, 0.95, 2.0, False),
    (0.0057, 0.00057, 0.05, 0.80, 2.0, False),
    (0.106, 0.0106, 0.05, 0.80, 1.0, True),
]
proportions = []
for pc, d, alpha, power, k, one in proportion_cases:
    nc = solve_control(lambda n: prop_power(pc, d, k * n, n, alpha, one), power, 1e-6)
    sizes = (1000.0 * k, 1000.0)  # an inverse at fixed sizes: n_T = 1000 k, n_C = 1000
    mde = solve_effect(lambda x: prop_power(pc, x, sizes[0], sizes[1], alpha, one), power, (1 - pc) * (1 - 1e-12))
    case = {"baseline": pc, "difference": d, "alpha": alpha, "power": power, "ratio": k, "one_sided": one,
            "control_exact": nc, "treatment_exact": k * nc,
            "power_at_1000": prop_power(pc, d, sizes[0], sizes[1], alpha, one),
            "sizes": list(sizes), "mde_at_sizes": mde,
            "statsmodels_power_at_solution": prop_power(pc, d, k * nc, nc, alpha, one)}
    if one:
        case["statsmodels_onetail_treatment"] = float(samplesize_proportions_2indep_onetail(d, pc, power, ratio=1 / k, alpha=alpha, alternative="larger"))
    proportions.append(case)

mean_cases = [
    # lift, sd control, sd treatment, alpha, power, k, one-sided, pooled
    (0.5, 1.0, 1.0, 0.05, 0.80, 1.0, False, True),
    (0.5, 1.0, 1.0, 0.05, 0.80, 3.0, False, True),
    (0.3, 1.0, 1.0, 0.01, 0.90, 0.5, True, True),
    (10.0, 250.0, 250.0, 0.05, 0.80, 9.0, False, True),
    (0.5, 1.0, 1.0, 0.05, 0.80, 1.0, False, False),
    (0.5, 1.0, 1.0, 0.05, 0.80, 3.0, False, False),
    (0.3, 1.0, 1.5, 0.05, 0.80, 2.0, True, False),
    (25.0, 120.0, 160.0, 0.10, 0.90, 0.25, False, False),
    (2.0, 1.0, 1.0, 0.05, 0.80, 1.0, False, False),
]
means = []
for d, sdc, sdt, alpha, power, k, one, pooled in mean_cases:
    lo = max(2.0, 2.0 / k) + 1e-9
    nc = solve_control(lambda n: t_power(d, sdc, sdt, k * n, n, alpha, one, pooled), power, lo)
    sizes = (60.0 * k, 60.0)
    mde = optimize.brentq(lambda x: t_power(x, sdc, sdt, sizes[0], sizes[1], alpha, one, pooled) - power, 1e-12,
                         bracket(lambda x: t_power(x, sdc, sdt, sizes[0], sizes[1], alpha, one, pooled), power, 0, sdc / 8)[1], xtol=1e-15, rtol=1e-15)
    case = {"difference": d, "sd_control": sdc, "sd_treatment": sdt, "alpha": alpha, "power": power, "ratio": k,
            "one_sided": one, "pooled": pooled, "control_exact": nc, "treatment_exact": k * nc,
            "power_at_sizes": t_power(d, sdc, sdt, sizes[0], sizes[1], alpha, one, pooled), "sizes": list(sizes), "mde_at_sizes": mde}
    if pooled:
        with warnings.catch_warnings():  # statsmodels' expanding bracket visits noncentralities where scipy's nct gives nan
            warnings.simplefilter("ignore", RuntimeWarning)
            case["statsmodels_solve_power_treatment"] = float(tt_ind_solve_power(effect_size=d / sdc, nobs1=None, alpha=alpha, power=power, ratio=1 / k, alternative=alt(one)))
    means.append(case)

# Hillstrom (data/real/hillstrom): what the e-mail test needed vs what it had. Control = "No E-Mail"; planned lift +10 %
# relative of the control's conversion and mean spend; sizes as run (each e-mail arm against the control).
h = pd.read_csv("data/real/hillstrom/hillstrom.csv")
ctrl = h[h.treatment == "No E-Mail"]
arm = h[h.treatment == "Mens E-Mail"]
pc = float(ctrl.conversion.mean())
sd = float(ctrl.spend.std(ddof=1))
mean_spend = float(ctrl.spend.mean())
nt, nc = float(len(arm)), float(len(ctrl))
hill = {"control_conversion": pc, "control_spend_mean": mean_spend, "control_spend_sd": sd, "treatment_size": nt, "control_size": nc,
        "conversion_control_needed_1to1": solve_control(lambda n: prop_power(pc, 0.1 * pc, n, n, 0.05, False), 0.8, 1e-6),
        "conversion_power_as_run": prop_power(pc, 0.1 * pc, nt, nc, 0.05, False),
        "conversion_mde_as_run": solve_effect(lambda x: prop_power(pc, x, nt, nc, 0.05, False), 0.8, (1 - pc) * (1 - 1e-12)),
        "spend_control_needed_1to1": solve_control(lambda n: t_power(0.1 * mean_spend, sd, sd, n, n, 0.05, False, False), 0.8, 2 + 1e-9),
        "spend_power_as_run": t_power(0.1 * mean_spend, sd, sd, nt, nc, 0.05, False, False),
        "spend_mde_as_run": optimize.brentq(lambda x: t_power(x, sd, sd, nt, nc, 0.05, False, False) - 0.8, 1e-12,
                                             bracket(lambda x: t_power(x, sd, sd, nt, nc, 0.05, False, False), 0.8, 0, sd / 64)[1], xtol=1e-15, rtol=1e-15)}

unreachable = {"baseline": 0.9, "sizes": [3.0, 3.0], "alpha": 0.05, "power": 0.8,
               "mde_at_sizes": solve_effect(lambda x: prop_power(0.9, x, 3.0, 3.0, 0.05, False), 0.8, 0.1 * (1 - 1e-12))}
nct_grid = [{"t": t, "df": df, "nc": nc, "cdf": float(stats.nct.cdf(t, df, nc))}
            for t, df, nc in [(1.96, 10, 2.8), (-1.96, 10, 2.8), (2.5, 3.5, 1.0), (0.0, 7, 1.5), (1.0, 200, -0.5),
                              (-2.2, 48.3, -3.0), (4.0, 1.2, 2.0), (1.65, 5000, 30.0), (2.0, 30, 10.0)]]
print(json.dumps({"noncentral_t": nct_grid, "proportions": proportions, "proportion_unreachable": unreachable, "means": means, "hillstrom_mens_email": hill}, indent=1))
