package org.redwhistle.api.security;

import java.time.Instant;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Service;

/** Issues the bearer tokens that every REST call and every STOMP CONNECT carries. */
@Service
public class TokenService {

    public static final String ROLE_CLAIM = "role";
    public static final String AREA_CLAIM = "area";
    public static final String UID_CLAIM = "uid";

    private final JwtEncoder encoder;
    private final SecurityProperties props;

    public TokenService(JwtEncoder encoder, SecurityProperties props) {
        this.encoder = encoder;
        this.props = props;
    }

    /** A signed token. */
    public record IssuedToken(String accessToken, Instant expiresAt) {
    }

    public IssuedToken issue(CurrentUser user, String displayName) {
        Instant now = Instant.now();
        Instant exp = now.plus(props.tokenTtl());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(props.issuer())
                .subject(user.username())
                .issuedAt(now)
                .expiresAt(exp)
                .claim(UID_CLAIM, user.id())
                .claim(ROLE_CLAIM, user.role().name())
                .claim("name", displayName);
        if (user.areaId() != null) {
            claims.claim(AREA_CLAIM, user.areaId());
        }
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
        return new IssuedToken(token, exp);
    }
}
