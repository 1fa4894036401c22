package dev.jailspec.report;

import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.nio.file.Path;
import java.util.List;

/**
 * Marks a waived scenario's failed result, just before Allure writes it, with the waiver: the
 * message starts with {@value #MARK} and the date, the reason and the ticket (also a link), so
 * {@code categories.json} puts it in {@link AllureCategories#WAIVED} and nowhere else. Registered
 * through {@code META-INF/services}; reads {@link WaiverFile#PATH} of the working directory (the
 * project, under Maven). A malformed file is left to the run's start, which stops on it.
 */
public final class WaiverAllureListener implements TestLifecycleListener {
    public static final String MARK = "[known failure, waived until ";

    private final List<Waiver> waivers;

    public WaiverAllureListener() {
        this(loadQuietly(Path.of(WaiverFile.PATH)));
    }

    WaiverAllureListener(List<Waiver> waivers) {
        this.waivers = List.copyOf(waivers);
    }

    private static List<Waiver> loadQuietly(Path file) {
        try {
            return WaiverFile.load(file);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    @Override
    public void beforeTestWrite(TestResult result) {
        if (result.getStatus() != Status.FAILED && result.getStatus() != Status.BROKEN) {
            return;
        }
        WaiverVerdict.waiverFor(waivers, result.getName()).ifPresent(w -> {
            StatusDetails details = result.getStatusDetails() == null ? new StatusDetails() : result.getStatusDetails();
            String was = details.getMessage() == null ? "" : details.getMessage();
            details.setMessage(MARK + w.expires() + ", " + w.ticket() + "] " + w.reason() + "\n" + was);
            details.setKnown(true);
            result.setStatusDetails(details);
            result.getLinks().add(new Link().setName("waiver ticket").setUrl(w.ticket().toString()).setType("issue"));
        });
    }
}
