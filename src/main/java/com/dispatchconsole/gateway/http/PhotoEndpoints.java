package com.dispatchconsole.gateway.http;

import com.dispatchconsole.domain.ApiAccess;
import com.dispatchconsole.domain.ApiAccess.Action;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * PoD photos: a rider app uploads one (multipart field {@code photo}), gets back {@code photo:<id>} and puts that
 * reference into the order's PoD document. The bytes live in PostgreSQL; the console's PoD viewer reads them from
 * there, never over HTTP.
 */
final class PhotoEndpoints {

    static final String FIELD = "photo";

    private PhotoEndpoints() {
    }

    static void register(RoutesConfig routes) {
        routes.post("/api/photos", PhotoEndpoints::upload);
        routes.get("/api/photos/{photoId}", PhotoEndpoints::download);
    }

    private static void upload(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ApiAccess.require(caller.scope(), Action.UPLOAD_PHOTO);
        long limit = PhotoLimits.MAX_REQUEST_BYTES;
        if (ctx.req().getContentLengthLong() > limit) {
            throw Requests.tooLarge(ctx, limit);
        }
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            throw ApiFailure.badField(FIELD, "Upload the photo as multipart/form-data in a field named 'photo'.");
        }
        List<UploadedFile> files = ctx.uploadedFiles(FIELD);
        if (files.size() != 1) {
            throw ApiFailure.badField(FIELD, "Send exactly one file in the field 'photo' (got " + files.size() + ").");
        }
        byte[] bytes;
        try (InputStream in = files.get(0).content()) {
            bytes = in.readNBytes(PhotoLimits.MAX_PHOTO_BYTES + 1);
        } catch (IOException e) {
            throw ApiFailure.badField(FIELD, "The photo could not be read; nothing was stored.");
        }
        var stored = caller.services().photos().store(bytes, caller.actor());
        ctx.header("Location", "/api/photos/" + stored.id());
        Json.answer(ctx, 201, new Views.Photo(stored.id(), stored.contentType(), stored.sizeBytes(),
                stored.reference()));
    }

    private static void download(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ApiAccess.require(caller.scope(), Action.READ_PHOTO);
        var photo = caller.services().photos().get(Requests.pathId(ctx, "photoId"));
        ctx.status(200).contentType(photo.contentType()).header("X-Content-Type-Options", "nosniff")
                .result(photo.bytes());
    }

    /** Kept apart so the server's multipart settings and this check agree. */
    static final class PhotoLimits {
        static final int MAX_PHOTO_BYTES = 5 * 1024 * 1024;
        static final long MAX_REQUEST_BYTES = MAX_PHOTO_BYTES + 64 * 1024;

        private PhotoLimits() {
        }
    }
}
