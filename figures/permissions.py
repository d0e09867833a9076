"""Who sees which figures: organizers see the whole dashboard, reviewers its review part."""

SEE_ALL_FIGURES = "figures.see_all_figures"
SEE_REVIEW_FIGURES = "figures.see_review_figures"
