package com.dispatchconsole.service;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.ShortId;
import com.dispatchconsole.domain.pod.PhotoType;
import com.dispatchconsole.domain.rows.PhotoContent;
import com.dispatchconsole.domain.rows.StoredPhoto;
import com.dispatchconsole.persistence.PhotoQueries;
import java.util.Optional;
import java.util.UUID;

/**
 * Photos of deliveries, stored in the database (issue 11): a rider's app uploads one through the gateway, the PoD
 * names it as {@link StoredPhoto#reference()} ({@code photo:<uuid>}), and the console's viewer reads it back from
 * here. The bytes decide the type ({@link PhotoType}); the database checks size and type again, computes the
 * SHA-256 and stamps who and when (V12). Who may upload is the GRANTs' call: dispatchers and the gateway.
 */
public final class PhotoService {

    private final UnitOfWork unitOfWork;

    public PhotoService(UnitOfWork unitOfWork) {
        this.unitOfWork = unitOfWork;
    }

    /**
     * Stores the photo and returns it as stored (without the bytes). Refuses, storing nothing, an empty upload or
     * one that is no PNG, JPEG or WebP by its own first bytes (INVALID_PHOTO), and one over 5 MiB (TOO_LARGE).
     */
    public StoredPhoto store(byte[] bytes, String actor) {
        PhotoType type = PhotoType.require(bytes);
        Checks.requireActor(actor);
        UUID id = UUID.randomUUID();
        return unitOfWork.call(actor, null, session -> UnitOfWork.jdbc(session, c -> {
            PhotoQueries.insert(c, id, type, bytes);
            return PhotoQueries.find(c, id).orElseThrow();
        }));
    }

    /** The photo with its bytes and type; empty when no photo has this id. */
    public Optional<PhotoContent> find(UUID photoId) {
        Checks.requireId(photoId, "photo");
        return unitOfWork.read(c -> PhotoQueries.content(c, photoId));
    }

    /** The photo with its bytes and type, or PHOTO_NOT_FOUND. */
    public PhotoContent get(UUID photoId) {
        return find(photoId).orElseThrow(() -> notFound(photoId));
    }

    static DispatchException notFound(UUID photoId) {
        return new DispatchException(ErrorCode.PHOTO_NOT_FOUND, "Photo " + ShortId.of(photoId)
                + " is not stored in this database.");
    }
}
