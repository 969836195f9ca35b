package io.upgradeorchestrator.browser;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.microsoft.playwright.Locator;

/**
 * A Camunda Form (form-js) as Tasklist renders it. Fields are found by the component id of the {@code .form} file
 * (form-js renders it as the suffix of the element id), never by label.
 */
final class CamundaForm {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Locator form;

    CamundaForm(Locator scope) {
        this.form = scope.locator("form.fjs-form");
        form.waitFor();
    }

    Locator root() {
        return form;
    }

    /** The input, textarea or select of a component. */
    Locator field(String componentId) {
        return form.locator("[id$='-" + componentId + "']");
    }

    CamundaForm fill(String componentId, String text) {
        field(componentId).fill(text);
        return this;
    }

    String value(String componentId) {
        return field(componentId).inputValue();
    }

    /** Opens a select and picks the option with this label. */
    CamundaForm choose(String componentId, String optionLabel) {
        form.locator("[id$='-" + componentId + "-display']").click();
        form.locator(".fjs-dropdownlist-item", new Locator.LocatorOptions().setHasText(optionLabel)).first().click();
        return this;
    }

    /** Ticks the radio option with this label. */
    CamundaForm pick(String componentId, String optionLabel) {
        component(componentId).getByLabel(optionLabel, new Locator.GetByLabelOptions().setExact(true)).check();
        return this;
    }

    /** Types a date into the date part of a datetime component, as a person does (then leaves the field). */
    CamundaForm date(String componentId, LocalDate date) {
        Locator input = form.locator("[id$='-" + componentId + "-date']");
        input.fill(DATE.format(date));
        input.press("Enter");
        input.press("Tab");
        return this;
    }

    CamundaForm time(String componentId, LocalTime time) {
        Locator input = form.locator("[id$='-" + componentId + "-time']");
        input.fill(TIME.format(time));
        input.press("Enter");
        input.press("Tab");
        return this;
    }

    String dateText(String componentId) {
        return form.locator("[id$='-" + componentId + "-date']").inputValue();
    }

    /** The whole component (label, input, description, error). */
    Locator component(String componentId) {
        return form.locator(".fjs-form-field").filter(new Locator.FilterOptions()
                .setHas(form.page().locator("[id*='-" + componentId + "-'], [id$='-" + componentId + "']")));
    }

    /** The validation message form-js shows under a component. */
    Locator error(String componentId) {
        return component(componentId).locator(".fjs-form-field-error");
    }

    List<String> errors() {
        return form.locator(".fjs-form-field-error").allInnerTexts();
    }
}
