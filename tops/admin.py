"""Shared pieces of the staff admin."""

from functools import update_wrapper

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .workflow import StepRefused


class ViewOnlyAdminMixin:
    """Records that change only through the portal's workflow steps (services), never by
    editing them in the admin: they can be viewed, not added, changed or deleted."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WorkflowAdminMixin:
    """The change page of a stateful record offers the steps its workflow lets the person
    looking take now: ``steps`` in the template, asked of ``Model.workflow``."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        record = self.get_object(request, object_id)
        steps = self.model.workflow.steps_for(record, request.user) if record else frozenset()
        return super().change_view(
            request, object_id, form_url, {**(extra_context or {}), "steps": steps}
        )


class StepAdminMixin:
    """One pattern for the staff screens of a workflow step: look the record up (the view),
    bind the form, call the service, tell the staff member, go back to the record's page; or
    show the form again, with what they typed and why the step was refused."""

    # Where the step pages' templates are, and the name the record has in them.
    step_templates = ""
    step_record_name = "record"

    def step_subtitle(self, record) -> str:
        return str(record)

    def step_back(self, record):
        opts = record._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", record.pk)

    def step(
        self,
        request,
        record,
        *,
        take,
        done,
        form=None,
        template=None,
        title="",
        back_when_refused=False,
        **context,
    ):
        """``take(form)`` calls the service; ``done`` is the message on success (or makes it
        from the service's result). A step without a form of its own goes back to the record
        whatever happened, and so does one refused because the record changed meanwhile
        (``back_when_refused``): the staff member looks at it again."""
        if request.method == "POST" and (form is None or form.is_valid()):
            try:
                result = take(form)
            except StepRefused as refused:
                self.message_user(request, refused.message, messages.ERROR)
                if form is None or back_when_refused:
                    return self.step_back(record)
            else:
                message = done(result) if callable(done) else done
                self.message_user(request, message, messages.SUCCESS)
                return self.step_back(record)
        if template is None:
            return self.step_back(record)
        return TemplateResponse(
            request,
            f"{self.step_templates}/{template}.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                self.step_record_name: record,
                "step_record": record,  # for admin/step.html, which every step page extends
                "title": title,
                "subtitle": self.step_subtitle(record),
                "form": form,
                **context,
            },
        )


class ReadOnlyInline(ViewOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class HistoryInline(ReadOnlyInline):
    """A record's append-only history (``tops.models.HistoryEntry``), oldest first."""

    ordering = ("at", "pk")

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)


def staff_view(model_admin, view, permission: str):
    """A custom admin view (a workflow step) for staff holding ``permission``."""

    def wrapper(request, *args, **kwargs):
        if not request.user.has_perm(permission):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return model_admin.admin_site.admin_view(update_wrapper(wrapper, view))
